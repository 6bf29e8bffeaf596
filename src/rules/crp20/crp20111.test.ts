import { crp20111 } from './crp20111.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto } from '../testing/pagos-fixtures.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(crp20111, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'two concepts', doc: mutate(pagoCompleto(), (c) => { c.Conceptos.push(structuredClone(c.Conceptos[0])); }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
