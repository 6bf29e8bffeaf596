import { crp20999 } from './crp20999.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20999, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'a negative Monto', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].Monto = '-1'; }), expect: 'error', alsoFires: ['CRP20211', 'CRP20218'] },
  { name: 'FechaPago missing', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].FechaPago = ''; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
