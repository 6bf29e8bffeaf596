import { cfdi40167 } from './cfdi40167.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40167, [
  { name: 'exact products', doc: ingreso(), expect: 'ok' },
  { name: 'rounded product', doc: mutate(global(), (c) => { const k = c.Conceptos[0]; k.Cantidad = '3'; k.ValorUnitario = '33.333333'; k.Importe = '100.00'; }), expect: 'ok' },
  { name: 'the window is wide for integer quantities', doc: mutate(global(), (c) => { const k = c.Conceptos[0]; k.Importe = '100.01'; k.Impuestos!.Traslados[0].Base = '100.01'; c.SubTotal = '100.01'; c.Total = '116.01'; c.Impuestos!.Traslados[0].Base = '100.01'; }), expect: 'ok' },
  { name: 'two cents off with six-decimal quantity and price', doc: mutate(global(), (c) => { const k = c.Conceptos[0]; k.Cantidad = '1.000000'; k.ValorUnitario = '100.000000'; k.Importe = '100.02'; k.Impuestos!.Traslados[0].Base = '100.02'; c.SubTotal = '100.02'; c.Total = '116.02'; c.Impuestos!.Traslados[0].Base = '100.02'; }), expect: 'error' },
], { alwaysApplies: true });
