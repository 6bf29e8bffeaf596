import { cfdi40188 } from './cfdi40188.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conTerceros, fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40188, [
  { name: 'a third RFC', doc: conTerceros(), expect: 'ok' },
  { name: 'the receptor', doc: mutate(conTerceros(), (c) => { const t = c.Conceptos[0].ACuentaTerceros!; t.RfcACuentaTerceros = 'URE180429TM6'; t.NombreACuentaTerceros = 'UNIVERSIDAD ROBOTICA ESPAÑOLA'; t.RegimenFiscalACuentaTerceros = '601'; t.DomicilioFiscalACuentaTerceros = '86991'; }), ctx: fixtureContext({}, { lco: new Map([['URE180429TM6', true]]) }), expect: 'error' },
  { name: 'no terceros', doc: ingreso(), expect: 'notApplicable' },
]);
