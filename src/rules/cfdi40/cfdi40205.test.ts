import { cfdi40205 } from './cfdi40205.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40205, [
  { name: 'the sum', doc: ingreso(), expect: 'ok' },
  { name: 'not the sum', doc: mutate(ingreso(), (c) => { c.Impuestos!.TotalImpuestosTrasladados = '150.00'; c.Total = '1046.67'; }), expect: 'error' },
  { name: 'absent', doc: pago(), expect: 'notApplicable' },
]);
