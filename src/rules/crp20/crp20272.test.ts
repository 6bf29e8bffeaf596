import { crp20272 } from './crp20272.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20272, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'IVA at 15 %', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.TrasladosP[0].TasaOCuotaP = '0.150000'; }), expect: 'error', alsoFires: ['CRP20268', 'CRP20274', 'CRP20204', 'CRP20205'] },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
