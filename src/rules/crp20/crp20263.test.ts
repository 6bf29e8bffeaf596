import { crp20263 } from './crp20263.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20263, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'ISR twice', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.RetencionesP.push({ ...p.Pago[0].ImpuestosP!.RetencionesP[0], ImporteP: '0.000000' }); }), expect: 'error', alsoFires: ['CRP20265'] },
  { name: 'no retentions', doc: pagoUsd(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
