import { crp20106 } from './crp20106.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto } from '../testing/pagos-fixtures.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(crp20106, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'mutated', doc: mutate(pagoCompleto(), (c) => { c.MetodoPago = 'PUE'; }), expect: 'error', alsoFires: ['CFDI40125'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
