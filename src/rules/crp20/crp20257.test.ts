import { crp20257 } from './crp20257.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20257, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'Porcentaje', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].ImpuestosDR!.TrasladosDR[0].TipoFactorDR = 'Porcentaje'; }), expect: 'error', alsoFires: ['CRP20260', 'CRP20268', 'CRP20274'] },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
