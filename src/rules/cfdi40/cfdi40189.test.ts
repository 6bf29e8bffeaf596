import { cfdi40189 } from './cfdi40189.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { conTerceros, fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40189, [
  { name: 'the RFC\'s own', doc: conTerceros(), expect: 'ok' },
  { name: 'unknown RFC', doc: mutate(conTerceros(), (c) => { c.Conceptos[0].ACuentaTerceros!.RfcACuentaTerceros = 'AAA010101AAA'; }), ctx: fixtureContext({}, { lco: new Map([['AAA010101AAA', true]]) }), expect: 'notChecked' },
  { name: 'no terceros', doc: ingreso(), expect: 'notApplicable' },
], { neverErrors: 'the SAT list of names is not public; a mismatch with the RFC is CFDI40190' });
