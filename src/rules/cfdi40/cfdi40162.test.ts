import { cfdi40162 } from './cfdi40162.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { emptyContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40162, [
  { name: 'known keys', doc: ingreso(), expect: 'ok' },
  { name: 'unknown key', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '99999999'; }), expect: 'error' },
  { name: 'key no longer valid at Fecha', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '10101500'; }), expect: 'error' },
  { name: 'catalog not loaded', doc: ingreso(), ctx: emptyContext(), expect: 'notChecked' },
], { alwaysApplies: true });
