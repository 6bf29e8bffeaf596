import { cfdi40166 } from './cfdi40166.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40166, [
  { name: 'positive', doc: ingreso(), expect: 'ok' },
  { name: 'zero in an ingreso', doc: mutate(global(), (c) => { const k = c.Conceptos[0]; k.ValorUnitario = '0.00'; k.Importe = '0.00'; k.ObjetoImp = '01'; k.Impuestos = undefined; c.Impuestos = undefined; c.SubTotal = '0.00'; c.Total = '0.00'; }), expect: 'error' },
  { name: 'P', doc: pago(), expect: 'notApplicable' },
]);
