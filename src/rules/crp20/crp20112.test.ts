import { crp20112 } from './crp20112.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto } from '../testing/pagos-fixtures.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(crp20112, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'a CuentaPredial', doc: mutate(pagoCompleto(), (c) => { c.Conceptos[0].CuentaPredial.push({ Numero: '123' }); }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
