import { cfdi40204 } from './cfdi40204.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40204, [
  { name: 'two decimals', doc: ingreso(), expect: 'ok' },
  { name: 'three decimals', doc: mutate(ingreso(), (c) => { c.Impuestos!.TotalImpuestosTrasladados = c.Impuestos!.TotalImpuestosTrasladados + '0'; }), expect: 'error' },
  { name: 'absent', doc: pago(), expect: 'notApplicable' },
]);
