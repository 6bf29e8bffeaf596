import { crp20202 } from './crp20202.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20202, [
  { name: 'as computed', doc: pagoCompleto(), expect: 'ok' },
  { name: 'off by one peso', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalRetencionesISR = '101.00'; }), expect: 'error' },
  { name: 'TotalRetencionesISR absent', doc: mutPagos(pagoEfectivo(), (p) => { p.Totales.TotalRetencionesISR = undefined; }), expect: 'notApplicable' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
