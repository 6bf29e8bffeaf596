import { crp20267 } from './crp20267.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20267, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'no TotalTrasladosBase*', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalTrasladosBaseIVA16 = undefined; }), expect: 'error' },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
