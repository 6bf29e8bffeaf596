import { crp20270 } from './crp20270.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20270, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: '004', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].ImpuestosP!.TrasladosP[0].ImpuestoP = '004'; }), expect: 'error', alsoFires: ['CRP20268', 'CRP20272', 'CRP20274', 'CRP20204', 'CRP20205'] },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
