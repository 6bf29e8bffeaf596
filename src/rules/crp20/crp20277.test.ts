import { crp20277 } from './crp20277.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20277, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: '1.00', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].EquivalenciaDR = '1.00'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
