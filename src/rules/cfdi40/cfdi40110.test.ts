import { cfdi40110 } from './cfdi40110.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conDescuento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40110, [
  { name: 'discount below SubTotal', doc: conDescuento(), expect: 'ok' },
  { name: 'discount above SubTotal', doc: mutate(conDescuento(), (c) => { c.Descuento = '1100.00'; c.Conceptos[0].Descuento = '1100.00'; c.Conceptos[0].ObjetoImp = '01'; c.Conceptos[0].Impuestos = undefined; c.Impuestos = undefined; c.Total = '0.00'; }), expect: 'error', alsoFires: ['CFDI40119', 'CFDI40169'] },
  { name: 'no discount', doc: ingreso(), expect: 'notApplicable' },
]);
