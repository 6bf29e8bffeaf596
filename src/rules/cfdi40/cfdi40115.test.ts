import { cfdi40115 } from './cfdi40115.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40115, [
  { name: 'USD with TipoCambio', doc: extranjero(), expect: 'ok' },
  { name: 'USD without TipoCambio', doc: mutate(extranjero(), (c) => { c.TipoCambio = undefined; }), expect: 'error' },
  { name: 'MXN', doc: ingreso(), expect: 'notApplicable' },
]);
