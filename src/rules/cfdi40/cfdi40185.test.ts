import { cfdi40185 } from './cfdi40185.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40185, [
  { name: 'catalog rates', doc: ingreso(), expect: 'ok' },
  { name: 'IVA withheld above 16 %', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Retenciones[1].TasaOCuota = '0.200000'; c.Conceptos[1].Impuestos!.Retenciones[1].Importe = '100.00'; c.Impuestos!.Retenciones[1].Importe = '100.00'; c.Impuestos!.TotalImpuestosRetenidos = '150.00'; c.Total = '1010.00'; }), expect: 'error' },
  { name: 'IVA withheld in the range', doc: ingreso(), expect: 'ok' },
  { name: 'none', doc: global(), expect: 'notApplicable' },
]);
