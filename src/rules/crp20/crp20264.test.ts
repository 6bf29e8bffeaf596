import { crp20264 } from './crp20264.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20264, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'no TotalRetenciones*', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalRetencionesIVA = p.Totales.TotalRetencionesISR = undefined; }), expect: 'error' },
  { name: 'no retentions', doc: pagoUsd(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
