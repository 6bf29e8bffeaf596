import { crp20214 } from './crp20214.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20214, [
  { name: 'USD with TipoCambioP', doc: pagoUsd(), expect: 'ok' },
  { name: 'USD without it', doc: mutPagos(pagoUsd(), (p) => { p.Pago[0].TipoCambioP = undefined; p.Totales.MontoTotalPagos = '500.00'; p.Totales.TotalTrasladosBaseIVA16 = '431.03'; p.Totales.TotalTrasladosImpuestoIVA16 = '68.97'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
