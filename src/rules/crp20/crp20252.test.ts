import { crp20252 } from './crp20252.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20252, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'Exento', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[1].ImpuestosDR!.RetencionesDR[0].TipoFactorDR = 'Exento'; }), expect: 'error', alsoFires: ['CRP20253'] },
  { name: 'no retentions', doc: pagoUsd(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
