import { cfdi40144 } from './cfdi40144.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40144, [
  { name: 'the RFC\'s own', doc: ingreso(), expect: 'ok' },
  { name: 'unknown RFC', doc: mutate(ingreso(), (c) => { c.Receptor.Rfc = 'AAA010101AAA'; }), expect: 'notChecked' },
  { name: 'público en general', doc: global(), expect: 'notApplicable' },
], { neverErrors: 'the SAT list of names is not public; a mismatch with the RFC is CFDI40145' });
