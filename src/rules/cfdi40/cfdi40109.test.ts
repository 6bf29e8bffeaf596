import { cfdi40109 } from './cfdi40109.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40109, [
  { name: 'P with 0', doc: pago(), expect: 'ok' },
  { name: 'P with an amount', doc: mutate(pago(), (c) => { c.SubTotal = '1'; c.Total = '1'; }), expect: 'error' },
  { name: 'I', doc: ingreso(), expect: 'notApplicable' },
]);
