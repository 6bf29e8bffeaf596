import { cfdi40112 } from './cfdi40112.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conDescuento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40112, [
  { name: 'two decimals in MXN', doc: conDescuento(), expect: 'ok' },
  { name: 'three decimals in MXN', doc: mutate(conDescuento(), (c) => { c.Descuento = '100.000'; }), expect: 'error' },
  { name: 'no Descuento', doc: ingreso(), expect: 'notApplicable' },
]);
