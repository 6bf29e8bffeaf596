import { crp20262 } from './crp20262.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20262, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: '004', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.RetencionesP[0].ImpuestoP = '004'; }), expect: 'error', alsoFires: ['CRP20202', 'CRP20265'] },
  { name: 'no retentions', doc: pagoUsd(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
