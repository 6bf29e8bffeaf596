import { cfdi40121 } from './cfdi40121.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40121, [
  { name: 'I', doc: ingreso(), expect: 'ok' },
  { name: 'unknown type', doc: mutate(ingreso(), (c) => { c.TipoDeComprobante = 'X'; }), expect: 'error' },
], { alwaysApplies: true });
