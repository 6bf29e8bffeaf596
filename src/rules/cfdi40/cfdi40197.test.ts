import { cfdi40197 } from './cfdi40197.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conPartes, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40197, [
  { name: 'positive', doc: conPartes(), expect: 'ok' },
  { name: 'zero', doc: mutate(conPartes(), (c) => { c.Conceptos[0].Parte[1].ValorUnitario = '0'; c.Conceptos[0].Parte[1].Importe = '0'; }), expect: 'error' },
  { name: 'no Parte', doc: ingreso(), expect: 'notApplicable' },
]);
