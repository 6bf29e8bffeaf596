import { cfdi40187 } from './cfdi40187.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conTerceros, fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40187, [
  { name: 'in the LCO', doc: conTerceros(), expect: 'ok' },
  { name: 'not in the LCO', doc: mutate(conTerceros(), (c) => { const t = c.Conceptos[0].ACuentaTerceros!; t.RfcACuentaTerceros = 'MAS0810247C0'; }), expect: 'error', alsoFires: [] },
  { name: 'unknown to the source', doc: conTerceros(), ctx: fixtureContext({}, { lco: new Map() }), expect: 'notChecked' },
  { name: 'no terceros', doc: ingreso(), expect: 'notApplicable' },
]);
