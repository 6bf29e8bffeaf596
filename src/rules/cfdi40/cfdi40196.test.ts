import { cfdi40196 } from './cfdi40196.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conPartes, emptyContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40196, [
  { name: 'known keys', doc: conPartes(), expect: 'ok' },
  { name: 'unknown key', doc: mutate(conPartes(), (c) => { c.Conceptos[0].Parte[1].ClaveProdServ = '99999999'; }), expect: 'error' },
  { name: 'catalog not loaded', doc: conPartes(), ctx: emptyContext(), expect: 'notChecked' },
  { name: 'no Parte', doc: ingreso(), expect: 'notApplicable' },
]);
