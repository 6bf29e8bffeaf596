import { crp20254 } from './crp20254.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20254, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'one cent off', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[1].ImpuestosDR!.RetencionesDR[0].ImporteDR = '100.05'; p.Pago[0].ImpuestosP!.RetencionesP[0].ImporteP = '100.050000'; p.Totales.TotalRetencionesISR = '100.05'; }), expect: 'error' },
  { name: 'no retentions', doc: pagoUsd(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
