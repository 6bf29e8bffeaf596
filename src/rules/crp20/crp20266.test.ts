import { crp20266 } from './crp20266.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20266, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'no BaseP', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.TrasladosP[0].BaseP = ''; }), expect: 'error', alsoFires: ['CRP20268', 'CRP20204', 'CRP20999'] },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
