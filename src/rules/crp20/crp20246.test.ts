import { crp20246 } from './crp20246.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20246, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: '02 without ImpuestosDR', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].ImpuestosDR = undefined; }), expect: 'error', alsoFires: ['CRP20268', 'CRP20274'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
