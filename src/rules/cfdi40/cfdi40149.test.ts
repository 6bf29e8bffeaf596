import { cfdi40149 } from './cfdi40149.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40149, [
  { name: 'equal to LugarExpedicion', doc: global(), expect: 'ok' },
  { name: 'another CP', doc: mutate(global(), (c) => { c.Receptor.DomicilioFiscalReceptor = '86991'; }), expect: 'error' },
  { name: 'named receptor', doc: ingreso(), expect: 'notApplicable' },
]);
