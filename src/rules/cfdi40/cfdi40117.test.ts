import { cfdi40117 } from './cfdi40117.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40117, [
  { name: 'four decimals', doc: extranjero(), expect: 'ok' },
  { name: 'seven decimals', doc: mutate(extranjero(), (c) => { c.TipoCambio = '17.5000001'; }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
