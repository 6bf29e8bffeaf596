import { cfdi40145 } from './cfdi40145.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40145, [
  { name: 'the RFC\'s own', doc: ingreso(), expect: 'ok' },
  { name: 'another', doc: mutate(ingreso(), (c) => { c.Receptor.Nombre = 'OTRO NOMBRE'; }), expect: 'error' },
  { name: 'unknown RFC', doc: mutate(ingreso(), (c) => { c.Receptor.Rfc = 'AAA010101AAA'; }), expect: 'notChecked' },
  { name: 'público en general', doc: global(), expect: 'notApplicable' },
]);
