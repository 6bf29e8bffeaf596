import { crp20223 } from './crp20223.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20223, [
  { name: 'a foreign bank with its name', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].RfcEmisorCtaOrd = 'XEXX010101000'; p.Pago[0].NomBancoOrdExt = 'BANK OF AMERICA'; }), expect: 'ok' },
  { name: 'a foreign bank without it', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].RfcEmisorCtaOrd = 'XEXX010101000'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
