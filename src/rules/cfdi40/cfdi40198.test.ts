import { cfdi40198 } from './cfdi40198.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conPartes, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40198, [
  { name: 'exact', doc: conPartes(), expect: 'ok' },
  { name: 'off', doc: mutate(conPartes(), (c) => { const p = c.Conceptos[0].Parte[0]; p.Cantidad = '2.000000'; p.ValorUnitario = '100.000000'; p.Importe = '200.02'; }), expect: 'error' },
  { name: 'no Parte', doc: ingreso(), expect: 'notApplicable' },
]);
