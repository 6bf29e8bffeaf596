import { crp20275 } from './crp20275.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20275, [
  { name: 'USD paying MXN', doc: pagoUsd(), expect: 'ok' },
  { name: 'ImpPagado off by 100 pesos', doc: mutPagos(pagoUsd(), (p) => { const d = p.Pago[0].DoctoRelacionado[0]; d.ImpPagado = '8525.00'; d.ImpSaldoInsoluto = '8725.00'; }), expect: 'error', alsoFires: ['CRP20276'] },
  { name: 'same currency', doc: pagoCompleto(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
