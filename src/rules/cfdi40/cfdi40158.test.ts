import { cfdi40158 } from './cfdi40158.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { egreso, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40158, [
  { name: 'moral with 601', doc: ingreso(), expect: 'ok' },
  { name: 'física with 612', doc: egreso(), expect: 'ok' },
  { name: 'física with 601', doc: mutate(egreso(), (c) => { c.Receptor.RegimenFiscalReceptor = '601'; }), expect: 'error' },
], { alwaysApplies: true });
