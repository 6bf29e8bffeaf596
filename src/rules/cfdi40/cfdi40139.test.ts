import { cfdi40139 } from './cfdi40139.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40139, [
  { name: 'the emisor is not the CSD titular', doc: mutate(ingreso(), (c) => { c.Emisor.FacAtrAdquirente = '0123456789'; c.Emisor.Nombre = 'OTRO EMISOR'; }), ctx: fixtureContext({}, { facAtrAdquirente: true }), expect: 'ok' },
  { name: 'the emisor is the CSD titular', doc: mutate(ingreso(), (c) => { c.Emisor.FacAtrAdquirente = '0123456789'; }), ctx: fixtureContext({}, { facAtrAdquirente: true }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
