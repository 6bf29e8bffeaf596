import { cfdi40161 } from './cfdi40161.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40161, [
  { name: 'G03 for 601', doc: ingreso(), expect: 'ok' },
  { name: 'S01 for público en general', doc: global(), expect: 'ok' },
  { name: 'D01 for a persona moral', doc: mutate(ingreso(), (c) => { c.Receptor.UsoCFDI = 'D01'; }), expect: 'error' },
  { name: 'G03 for 616', doc: mutate(global(), (c) => { c.Receptor.UsoCFDI = 'G03'; }), expect: 'error' },
], { alwaysApplies: true });
