import { cfdi40111 } from './cfdi40111.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conDescuento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40111, [
  { name: 'sum of concept discounts', doc: conDescuento(), expect: 'ok' },
  { name: 'not the sum', doc: mutate(conDescuento(), (c) => { c.Descuento = '90.00'; c.Total = '1054.00'; }), expect: 'error' },
  { name: 'document discount without concept discounts', doc: mutate(ingreso(), (c) => { c.Descuento = '0.00'; }), expect: 'error' },
  { name: 'no discounts at all', doc: ingreso(), expect: 'notApplicable' },
]);
