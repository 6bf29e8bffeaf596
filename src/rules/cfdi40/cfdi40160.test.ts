import { cfdi40160 } from './cfdi40160.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40160, [
  { name: 'G03', doc: ingreso(), expect: 'ok' },
  { name: 'P01 (CFDI 3.3 only)', doc: mutate(ingreso(), (c) => { c.Receptor.UsoCFDI = 'P01'; }), expect: 'error' },
], { alwaysApplies: true });
