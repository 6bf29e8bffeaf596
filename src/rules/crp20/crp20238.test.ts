import { crp20238 } from './crp20238.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20238, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: '2 in the same currency', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].EquivalenciaDR = '2'; }), expect: 'error', alsoFires: ['CRP20268', 'CRP20274', 'CRP20277'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
