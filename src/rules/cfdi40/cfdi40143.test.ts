import { cfdi40143 } from './cfdi40143.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40143, [
  { name: 'inscrito', doc: ingreso(), expect: 'ok' },
  { name: 'not inscrito', doc: mutate(ingreso(), (c) => { c.Receptor.Rfc = 'MAS0810247C0'; }), expect: 'error' },
  { name: 'unknown to the source', doc: mutate(ingreso(), (c) => { c.Receptor.Rfc = 'AAA010101AAA'; }), expect: 'notChecked' },
  { name: 'público en general', doc: global(), expect: 'notApplicable' },
]);
