import { crp20274 } from './crp20274.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20274, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'USD', doc: pagoUsd(), expect: 'ok' },
  { name: 'one peso off', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.TrasladosP[0].ImporteP = '961.000000'; p.Totales.TotalTrasladosImpuestoIVA16 = '961.00'; }), expect: 'error' },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
