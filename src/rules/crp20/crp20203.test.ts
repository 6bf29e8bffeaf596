import { crp20203 } from './crp20203.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20203, [
  { name: 'zero where nothing feeds it', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalRetencionesIEPS = '0.00'; }), expect: 'ok' },
  { name: '1.00 where nothing feeds it', doc: mutPagos(pagoCompleto(), (p) => { p.Totales.TotalRetencionesIEPS = '1.00'; }), expect: 'error' },
  { name: 'TotalRetencionesIEPS absent', doc: pagoCompleto(), expect: 'notApplicable' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
