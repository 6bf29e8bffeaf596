import { cfdi40219 } from './cfdi40219.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { exento, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40219, [
  { name: 'IVA 16 %', doc: ingreso(), expect: 'ok' },
  { name: 'not in the catalog', doc: mutate(exento(), (c) => { c.Impuestos!.Traslados[0] = { Base: '500.00', Impuesto: '002', TipoFactor: 'Cuota', TasaOCuota: '0.160000', Importe: '0.00' }; c.Impuestos!.TotalImpuestosTrasladados = '0.00'; }), expect: 'error', alsoFires: ['CFDI40215', 'CFDI40221'] },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
