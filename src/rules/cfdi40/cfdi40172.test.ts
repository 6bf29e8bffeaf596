import { cfdi40172 } from './cfdi40172.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40172, [
  { name: '01 without taxes', doc: pago(), expect: 'ok' },
  { name: '01 with taxes', doc: mutate(global(), (c) => { c.Conceptos[0].ObjetoImp = '01'; }), expect: 'error' },
  { name: '02', doc: ingreso(), expect: 'notApplicable' },
]);
