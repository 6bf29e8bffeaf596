import { cfdi40114 } from './cfdi40114.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40114, [
  { name: 'MXN with 1', doc: mutate(ingreso(), (c) => { c.TipoCambio = '1'; }), expect: 'ok' },
  { name: 'MXN without TipoCambio', doc: ingreso(), expect: 'ok' },
  { name: 'MXN with 17', doc: mutate(ingreso(), (c) => { c.TipoCambio = '17.50'; }), expect: 'error' },
  { name: 'USD', doc: extranjero(), expect: 'notApplicable' },
]);
