import { crp20229 } from './crp20229.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20229, [
  { name: 'SPEI chain on a transfer', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].TipoCadPago = '01'; p.Pago[0].CertPago = 'MIIC'; p.Pago[0].CadPago = '||1|2||'; p.Pago[0].SelloPago = 'c2VsbG8='; }), expect: 'ok' },
  { name: 'chain on a cheque', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].TipoCadPago = '01'; p.Pago[0].CertPago = 'MIIC'; p.Pago[0].CadPago = '||1|2||'; p.Pago[0].SelloPago = 'c2VsbG8='; p.Pago[0].FormaDePagoP = '02'; p.Pago[0].CtaOrdenante = '12345678901'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
