import { crp20211 } from './crp20211.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20211, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'USD, by TipoCambioP', doc: pagoUsd(), expect: 'ok' },
  { name: 'off by one peso', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.MontoTotalPagos = '6754.33'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
