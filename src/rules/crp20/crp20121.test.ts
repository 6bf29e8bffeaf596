import { crp20121 } from './crp20121.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto } from '../testing/pagos-fixtures.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(crp20121, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'mutated', doc: mutate(pagoCompleto(), (c) => { c.Conceptos[0].Descuento = '0'; }), expect: 'error', alsoFires: ['CFDI40111'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
