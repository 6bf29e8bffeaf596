import { cfdi40211 } from './cfdi40211.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40211, [
  { name: 'rounded sums per tax', doc: ingreso(), expect: 'ok' },
  { name: 'not the sum', doc: mutate(ingreso(), (c) => { c.Impuestos!.Retenciones[0].Importe = '40.00'; c.Impuestos!.TotalImpuestosRetenidos = '93.33'; c.Total = '1066.67'; }), expect: 'error' },
  { name: 'a withheld tax without its row', doc: mutate(ingreso(), (c) => { c.Impuestos!.Retenciones = [{ Impuesto: '001', Importe: '50.00' }]; c.Impuestos!.TotalImpuestosRetenidos = '50.00'; c.Total = '1110.00'; }), expect: 'error' },
  { name: 'none', doc: global(), expect: 'notApplicable' },
  // issue 10: retentions in the Conceptos with no document rows at all is a missing group.
  { name: 'no rows although the Conceptos withhold', doc: mutate(ingreso(), (c) => { c.Impuestos!.Retenciones = []; c.Impuestos!.TotalImpuestosRetenidos = '0.00'; c.Total = '1160.00'; }), expect: 'error' },
]);
