import { cfdi40168 } from './cfdi40168.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conDescuento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40168, [
  { name: 'same decimals', doc: conDescuento(), expect: 'ok' },
  { name: 'more decimals than Importe', doc: mutate(conDescuento(), (c) => { c.Conceptos[0].Descuento = '100.000'; }), expect: 'error' },
  { name: 'no discount', doc: ingreso(), expect: 'notApplicable' },
]);
