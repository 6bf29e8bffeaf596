import { cfdi40125 } from './cfdi40125.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago, traslado } from '../testing/fixtures.ts';

ruleCases(cfdi40125, [
  { name: 'P without it', doc: pago(), expect: 'ok' },
  { name: 'T with PUE', doc: mutate(traslado(), (c) => { c.MetodoPago = 'PUE'; }), expect: 'error' },
  { name: 'I', doc: ingreso(), expect: 'notApplicable' },
]);
