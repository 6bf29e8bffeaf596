import { cfdi40170 } from './cfdi40170.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40170, [
  { name: '02', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ObjetoImp = '09'; }), expect: 'error' },
  { name: '05 before 2023-12-06', doc: mutate(pago(), (c) => { c.Conceptos[0].ObjetoImp = '05'; c.Fecha = '2023-01-10T10:00:00'; }), expect: 'error' },
], { alwaysApplies: true });
