import { cfdi40108 } from './cfdi40108.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40108, [
  { name: 'rounded sum', doc: ingreso(), expect: 'ok' },
  { name: 'rounded half-up from six decimals', doc: mutate(global(), (c) => { const k = c.Conceptos[0]; k.ValorUnitario = '100.005'; k.Importe = '100.005'; k.Impuestos!.Traslados[0] = { ...k.Impuestos!.Traslados[0], Base: '100.005', Importe: '16.0008' }; c.SubTotal = '100.01'; c.Total = '116.01'; c.Impuestos!.Traslados[0].Base = '100.01'; }), expect: 'ok' },
  { name: 'the seed\'s case: SubTotal is not the sum', doc: mutate(ingreso(), (c) => { c.SubTotal = '1100.00'; c.Total = '1156.67'; }), expect: 'error' },
  { name: 'P', doc: pago(), expect: 'notApplicable' },
]);
