import { crp20215 } from './crp20215.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20215, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'MXN at 2', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].TipoCambioP = '2'; }), expect: 'error', alsoFires: ['CRP20201', 'CRP20202', 'CRP20204', 'CRP20205', 'CRP20211'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
