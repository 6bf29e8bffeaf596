import { crp20250 } from './crp20250.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20250, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: '004', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[1].ImpuestosDR!.RetencionesDR[0].ImpuestoDR = '004'; }), expect: 'error', alsoFires: ['CRP20253', 'CRP20265'] },
  { name: 'no retentions', doc: pagoUsd(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
