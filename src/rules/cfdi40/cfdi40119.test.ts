import { cfdi40119 } from './cfdi40119.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conDescuento, global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40119, [
  { name: 'with retentions', doc: ingreso(), expect: 'ok' },
  { name: 'with discount', doc: conDescuento(), expect: 'ok' },
  { name: 'with local taxes', doc: mutate(global(), (c) => { c.Total = '118.00'; c.Complemento = { otros: [{ name: 'implocal:ImpuestosLocales', ns: 'http://www.sat.gob.mx/implocal', attrs: [['version', '1.0'], ['TotaldeRetenciones', '0.00'], ['TotaldeTraslados', '2.00']], children: [] }] }; }), expect: 'ok' },
  { name: 'retentions not subtracted', doc: mutate(ingreso(), (c) => { c.Total = '1160.00'; }), expect: 'error' },
  { name: 'three decimals', doc: mutate(ingreso(), (c) => { c.Total = '1056.670'; }), expect: 'error' },
  { name: 'unknown currency', doc: mutate(ingreso(), (c) => { c.Moneda = 'ABC'; }), expect: 'notChecked' },
], { alwaysApplies: true });
