import { cfdi40140 } from './cfdi40140.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40140, [
  { name: '601', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(ingreso(), (c) => { c.Emisor.RegimenFiscal = '600'; }), expect: 'error' },
], { alwaysApplies: true });
