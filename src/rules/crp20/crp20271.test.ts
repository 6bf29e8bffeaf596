import { crp20271 } from './crp20271.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20271, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'IVA 16 % twice', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.TrasladosP.push({ ...p.Pago[0].ImpuestosP!.TrasladosP[0] }); }), expect: 'error', alsoFires: ['CRP20204', 'CRP20205'] },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
