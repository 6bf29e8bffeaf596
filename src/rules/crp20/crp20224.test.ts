import { crp20224 } from './crp20224.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20224, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'cash with CtaOrdenante', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].FormaDePagoP = '01'; p.Pago[0].RfcEmisorCtaOrd = p.Pago[0].RfcEmisorCtaBen = p.Pago[0].CtaBeneficiario = undefined; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
