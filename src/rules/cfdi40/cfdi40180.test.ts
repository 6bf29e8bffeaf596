import { cfdi40180 } from './cfdi40180.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40180, [
  { name: 'exact', doc: ingreso(), expect: 'ok' },
  { name: 'two cents off', doc: mutate(global(), (c) => { c.Conceptos[0].Impuestos!.Traslados[0].Importe = '16.02'; c.Impuestos!.Traslados[0].Importe = '16.02'; c.Impuestos!.TotalImpuestosTrasladados = '16.02'; c.Total = '116.02'; }), expect: 'error' },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
