import { crp20217 } from './crp20217.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20217, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'USD', doc: pagoUsd(), expect: 'ok' },
  { name: 'pays more than Monto', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].Monto = '6000.00'; p.Totales.MontoTotalPagos = '6000.00'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
