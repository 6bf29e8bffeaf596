import { crp20268 } from './crp20268.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20268, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'USD', doc: pagoUsd(), expect: 'ok' },
  { name: 'one peso off', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.TrasladosP[0].BaseP = '6001.000000'; p.Totales.TotalTrasladosBaseIVA16 = '6001.00'; }), expect: 'error' },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
