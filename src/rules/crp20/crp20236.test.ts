import { crp20236 } from './crp20236.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20236, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'XXX', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].MonedaDR = 'XXX'; p.Pago[0].DoctoRelacionado[0].EquivalenciaDR = '1'; }), expect: 'error', alsoFires: ['CRP20240', 'CRP20242', 'CRP20243'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
