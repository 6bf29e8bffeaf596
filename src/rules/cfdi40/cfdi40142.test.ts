import { cfdi40142 } from './cfdi40142.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40142, [
  { name: 'positive answer', doc: mutate(ingreso(), (c) => { c.Emisor.FacAtrAdquirente = '0123456789'; c.Emisor.Nombre = 'OTRO EMISOR'; }), ctx: fixtureContext({}, { facAtrAdquirente: true }), expect: 'ok' },
  { name: 'negative answer', doc: mutate(ingreso(), (c) => { c.Emisor.FacAtrAdquirente = '0123456789'; c.Emisor.Nombre = 'OTRO EMISOR'; }), ctx: fixtureContext({}, { facAtrAdquirente: false }), expect: 'error' },
  { name: 'no source', doc: mutate(ingreso(), (c) => { c.Emisor.FacAtrAdquirente = '0123456789'; c.Emisor.Nombre = 'OTRO EMISOR'; }), expect: 'notChecked' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
