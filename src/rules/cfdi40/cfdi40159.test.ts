import { cfdi40159 } from './cfdi40159.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40159, [
  { name: '616', doc: global(), expect: 'ok' },
  { name: '605 for XAXX', doc: mutate(global(), (c) => { c.Receptor.RegimenFiscalReceptor = '605'; }), expect: 'error' },
  { name: 'named receptor', doc: ingreso(), expect: 'notApplicable' },
]);
