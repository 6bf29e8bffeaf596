import { crp20205 } from './crp20205.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20205, [
  { name: 'as computed', doc: pagoCompleto(), expect: 'ok' },
  { name: 'off by one peso', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalTrasladosImpuestoIVA16 = '961.00'; }), expect: 'error' },
  { name: 'TotalTrasladosImpuestoIVA16 absent', doc: mutPagos(pagoEfectivo(), (p) => { p.Totales.TotalTrasladosImpuestoIVA16 = undefined; }), expect: 'notApplicable' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
