import { cfdi40218 } from './cfdi40218.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40218, [
  { name: 'one row per group', doc: ingreso(), expect: 'ok' },
  { name: 'split group', doc: mutate(ingreso(), (c) => { c.Impuestos!.Traslados = [{ Base: '500.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '80.00' }, { Base: '500.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.16', Importe: '80.00' }]; }), expect: 'error', alsoFires: ['CFDI40215', 'CFDI40221'] },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
