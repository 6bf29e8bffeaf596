import { crp20116 } from './crp20116.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto } from '../testing/pagos-fixtures.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(crp20116, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'mutated', doc: mutate(pagoCompleto(), (c) => { c.Conceptos[0].ClaveUnidad = 'E48'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
