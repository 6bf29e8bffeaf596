import { crp20209 } from './crp20209.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20209, [
  { name: 'zero where nothing feeds it', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalTrasladosImpuestoIVA0 = '0.00'; }), expect: 'ok' },
  { name: '1.00 where nothing feeds it', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalTrasladosImpuestoIVA0 = '1.00'; }), expect: 'error' },
  { name: 'TotalTrasladosImpuestoIVA0 absent', doc: pagoCompleto(), expect: 'notApplicable' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
