import { cfdi40202 } from './cfdi40202.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40202, [
  { name: 'two decimals', doc: ingreso(), expect: 'ok' },
  { name: 'three decimals', doc: mutate(ingreso(), (c) => { c.Impuestos!.TotalImpuestosRetenidos = c.Impuestos!.TotalImpuestosRetenidos + '0'; }), expect: 'error' },
  { name: 'absent', doc: pago(), expect: 'notApplicable' },
]);
