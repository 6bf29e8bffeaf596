import { crp20276 } from './crp20276.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20276, [
  { name: 'USD paying MXN', doc: pagoUsd(), expect: 'ok' },
  { name: 'Monto 10 dollars too high', doc: mutPagos(pagoUsd(), (p) => { p.Pago[0].Monto = '510.00'; p.Totales.MontoTotalPagos = '8797.50'; }), expect: 'error', alsoFires: ['CRP20275'] },
  { name: 'same currency', doc: pagoCompleto(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
