import { cfdi40124 } from './cfdi40124.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40124, [
  { name: 'PUE', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(ingreso(), (c) => { c.MetodoPago = 'PIP'; }), expect: 'error' },
  { name: 'absent', doc: pago(), expect: 'notApplicable' },
]);
