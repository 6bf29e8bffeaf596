import { crp20201 } from './crp20201.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20201, [
  { name: 'as computed', doc: pagoCompleto(), expect: 'ok' },
  { name: 'off by one peso', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalRetencionesIVA = '107.67'; }), expect: 'error' },
  { name: 'TotalRetencionesIVA absent', doc: mutPagos(pagoEfectivo(), (p) => { p.Totales.TotalRetencionesIVA = undefined; }), expect: 'notApplicable' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
