import { cfdi40203 } from './cfdi40203.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40203, [
  { name: 'the sum', doc: ingreso(), expect: 'ok' },
  { name: 'not the sum', doc: mutate(ingreso(), (c) => { c.Impuestos!.TotalImpuestosRetenidos = '100.00'; c.Total = '1060.00'; }), expect: 'error' },
  { name: 'absent', doc: pago(), expect: 'notApplicable' },
]);
