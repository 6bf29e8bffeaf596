import { cfdi40181 } from './cfdi40181.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40181, [
  { name: 'positive', doc: ingreso(), expect: 'ok' },
  { name: 'zero', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Retenciones[0].Base = '0'; c.Conceptos[1].Impuestos!.Retenciones[0].Importe = '0.00'; c.Impuestos!.Retenciones[0].Importe = '0.00'; c.Impuestos!.TotalImpuestosRetenidos = '53.33'; c.Total = '1106.67'; }), expect: 'error' },
  { name: 'no retentions', doc: global(), expect: 'notApplicable' },
]);
