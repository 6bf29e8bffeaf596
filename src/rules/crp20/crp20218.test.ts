import { crp20218 } from './crp20218.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20218, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'zero', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].Monto = '0.00'; p.Totales.MontoTotalPagos = '0.00'; }), expect: 'error', alsoFires: ['CRP20217'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
