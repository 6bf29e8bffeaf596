import { cfdi40165 } from './cfdi40165.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { emptyContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40165, [
  { name: 'known units', doc: ingreso(), expect: 'ok' },
  { name: 'unknown unit', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveUnidad = 'ZZZ'; }), expect: 'error' },
  { name: 'catalog not loaded', doc: ingreso(), ctx: emptyContext(), expect: 'notChecked' },
], { alwaysApplies: true });
