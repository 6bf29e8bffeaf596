import { crp20213 } from './crp20213.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20213, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'XXX', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].MonedaP = 'XXX'; p.Pago[0].TipoCambioP = undefined; p.Pago[0].Monto = '6753'; for (const d of p.Pago[0].DoctoRelacionado) d.EquivalenciaDR = '1'; }), expect: 'error', alsoFires: ['CRP20211'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
