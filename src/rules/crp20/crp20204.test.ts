import { crp20204 } from './crp20204.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20204, [
  { name: 'as computed', doc: pagoCompleto(), expect: 'ok' },
  { name: 'off by one peso', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalTrasladosBaseIVA16 = '6001.00'; }), expect: 'error' },
  { name: 'TotalTrasladosBaseIVA16 absent', doc: mutPagos(pagoEfectivo(), (p) => { p.Totales.TotalTrasladosBaseIVA16 = undefined; }), expect: 'notApplicable' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
