import { crp20237 } from './crp20237.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20237, [
  { name: 'USD paying MXN', doc: pagoUsd(), expect: 'ok' },
  { name: 'no EquivalenciaDR', doc: mutPagos(pagoUsd(), (p) => { p.Pago[0].DoctoRelacionado[0].EquivalenciaDR = undefined; }), expect: 'error', alsoFires: ['CRP20217', 'CRP20268', 'CRP20274'] },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
