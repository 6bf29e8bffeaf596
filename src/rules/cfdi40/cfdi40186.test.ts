import { cfdi40186 } from './cfdi40186.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40186, [
  { name: 'rounded two thirds of IVA', doc: ingreso(), expect: 'ok' },
  { name: 'two cents off', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Retenciones[1].Importe = '53.35'; c.Impuestos!.Retenciones[1].Importe = '53.35'; c.Impuestos!.TotalImpuestosRetenidos = '103.35'; c.Total = '1056.65'; }), expect: 'error' },
  { name: 'none', doc: global(), expect: 'notApplicable' },
]);
