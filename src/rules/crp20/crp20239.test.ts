import { crp20239 } from './crp20239.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20239, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'zero', doc: mutPagos(pagoCompleto(), (p) => { const d = p.Pago[0].DoctoRelacionado[0]; d.ImpSaldoAnt = '0'; d.ImpSaldoInsoluto = '0'; }), expect: 'error', alsoFires: ['CRP20244'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
