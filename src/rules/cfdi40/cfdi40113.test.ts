import { cfdi40113 } from './cfdi40113.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40113, [
  { name: 'MXN', doc: ingreso(), expect: 'ok' },
  { name: 'unknown currency', doc: mutate(ingreso(), (c) => { c.Moneda = 'MXP'; }), expect: 'error' },
  { name: 'USD', doc: extranjero(), expect: 'ok' },
], { alwaysApplies: true });
