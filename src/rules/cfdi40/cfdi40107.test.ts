import { cfdi40107 } from './cfdi40107.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40107, [
  { name: 'two decimals in MXN', doc: ingreso(), expect: 'ok' },
  { name: 'three decimals in MXN', doc: mutate(ingreso(), (c) => { c.SubTotal = '1000.000'; }), expect: 'error' },
  { name: 'P with 0 in XXX', doc: pago(), expect: 'ok' },
  { name: 'unknown currency', doc: mutate(ingreso(), (c) => { c.Moneda = 'ABC'; }), expect: 'notChecked' },
], { alwaysApplies: true });
