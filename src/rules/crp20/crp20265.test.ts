import { crp20265 } from './crp20265.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20265, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'one peso off', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.RetencionesP[0].ImporteP = '101.000000'; p.Totales.TotalRetencionesISR = '101.00'; }), expect: 'error' },
  { name: 'no retentions', doc: pagoUsd(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
