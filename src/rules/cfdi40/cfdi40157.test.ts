import { cfdi40157 } from './cfdi40157.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40157, [
  { name: '601', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(ingreso(), (c) => { c.Receptor.RegimenFiscalReceptor = '600'; }), expect: 'error' },
], { alwaysApplies: true });
