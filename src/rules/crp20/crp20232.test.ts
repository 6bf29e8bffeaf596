import { crp20232 } from './crp20232.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20232, [
  { name: 'SPEI chain complete', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].TipoCadPago = '01'; p.Pago[0].CertPago = 'MIIC'; p.Pago[0].CadPago = '||1|2||'; p.Pago[0].SelloPago = 'c2VsbG8='; }), expect: 'ok' },
  { name: 'mutated', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].TipoCadPago = '01'; p.Pago[0].CertPago = 'MIIC'; p.Pago[0].CadPago = '||1|2||'; p.Pago[0].SelloPago = 'c2VsbG8='; p.Pago[0].CadPago = undefined; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
