import { crp20244 } from './crp20244.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20244, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'not the difference', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].ImpSaldoInsoluto = '1.00'; }), expect: 'error' },
  { name: 'negative', doc: mutPagos(pagoCompleto(), (p) => { const d = p.Pago[0].DoctoRelacionado[1]; d.ImpSaldoAnt = '900.00'; d.ImpSaldoInsoluto = '-53.33'; }), expect: 'error', alsoFires: ['CRP20999'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
