import { cfdi40193 } from './cfdi40193.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conTerceros, fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40193, [
  { name: 'the RFC\'s own', doc: conTerceros(), expect: 'ok' },
  { name: 'another', doc: mutate(conTerceros(), (c) => { c.Conceptos[0].ACuentaTerceros!.DomicilioFiscalACuentaTerceros = '36250'; }), expect: 'error' },
  { name: 'unknown RFC', doc: mutate(conTerceros(), (c) => { c.Conceptos[0].ACuentaTerceros!.RfcACuentaTerceros = 'AAA010101AAA'; }), ctx: fixtureContext({}, { lco: new Map([['AAA010101AAA', true]]) }), expect: 'notChecked' },
  { name: 'no terceros', doc: ingreso(), expect: 'notApplicable' },
]);
