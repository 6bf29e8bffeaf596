import { cfdi40171 } from './cfdi40171.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40171, [
  { name: '02 with taxes', doc: ingreso(), expect: 'ok' },
  { name: '02 without taxes', doc: mutate(global(), (c) => { c.Conceptos[0].Impuestos = undefined; c.Impuestos = undefined; c.Total = '100.00'; }), expect: 'error' },
  { name: '01', doc: pago(), expect: 'notApplicable' },
]);
