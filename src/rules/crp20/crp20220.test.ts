import { crp20220 } from './crp20220.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20220, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'above the limit, no Confirmacion', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].Monto = '999999999999999999.99'; p.Pago[0].TipoCambioP = '2'; p.Totales.MontoTotalPagos = '1999999999999999999.98'; }), expect: 'error', alsoFires: ['CRP20201', 'CRP20202', 'CRP20204', 'CRP20205', 'CRP20215', 'CRP20999'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
