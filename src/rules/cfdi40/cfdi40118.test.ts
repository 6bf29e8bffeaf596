import { cfdi40118 } from './cfdi40118.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, fixtureContext, ingreso } from '../testing/fixtures.ts';

ruleCases(cfdi40118, [
  { name: 'within 5 % of the reference', doc: extranjero(), ctx: fixtureContext({}, { tipoCambioReferencia: '17.20' }), expect: 'ok' },
  { name: 'out of range without Confirmacion', doc: extranjero(), ctx: fixtureContext({}, { tipoCambioReferencia: '15.00' }), expect: 'error' },
  { name: 'no reference rate', doc: extranjero(), expect: 'notChecked' },
  { name: 'MXN', doc: ingreso(), expect: 'notApplicable' },
]);
