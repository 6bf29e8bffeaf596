import { crp20247 } from './crp20247.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20247, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'cash, 01 without taxes', doc: pagoEfectivo(), expect: 'ok' },
  { name: '01 with ImpuestosDR', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].ObjetoImpDR = '01'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
