import { cfdi40169 } from './cfdi40169.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conDescuento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40169, [
  { name: 'below Importe', doc: conDescuento(), expect: 'ok' },
  { name: 'above Importe', doc: mutate(conDescuento(), (c) => { const k = c.Conceptos[0]; k.Descuento = '1100.00'; k.ObjetoImp = '01'; k.Impuestos = undefined; c.Impuestos = undefined; c.Descuento = '1100.00'; c.Total = '0.00'; }), expect: 'error', alsoFires: ['CFDI40110', 'CFDI40119'] },
  { name: 'no discount', doc: ingreso(), expect: 'notApplicable' },
]);
