import { crp20249 } from './crp20249.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20249, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'zero', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[1].ImpuestosDR!.RetencionesDR[0].BaseDR = '0'; p.Pago[0].DoctoRelacionado[1].ImpuestosDR!.RetencionesDR[0].ImporteDR = '0.00'; p.Pago[0].ImpuestosP!.RetencionesP[0].ImporteP = '0.000000'; p.Totales.TotalRetencionesISR = '0.00'; }), expect: 'error' },
  { name: 'no retentions', doc: pagoUsd(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
