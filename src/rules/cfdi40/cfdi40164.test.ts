import { cfdi40164 } from './cfdi40164.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40164, [
  { name: 'IVA and IEPS declared', doc: mutate(ingreso(), (c) => { const k = c.Conceptos[0]; k.ClaveProdServ = '50211503'; k.Impuestos!.Traslados.push({ Base: '500.00', Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '1.600000', Importe: '800.00' }); c.Impuestos!.Traslados.push({ Base: '500.00', Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '1.600000', Importe: '800.00' }); c.Impuestos!.TotalImpuestosTrasladados = '960.00'; c.Total = '1856.67'; }), expect: 'ok' },
  { name: 'IEPS missing', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '50211503'; }), expect: 'error' },
  { name: 'keys without requirement', doc: ingreso(), expect: 'notApplicable' },
]);
