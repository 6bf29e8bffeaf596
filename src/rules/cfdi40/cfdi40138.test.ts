import { cfdi40138 } from './cfdi40138.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';
import { sealingKit } from '../testing/sealed.ts';

ruleCases(cfdi40138, [
  { name: 'name without the corporate regime', doc: ingreso(), expect: 'ok' },
  { name: 'name with it', doc: mutate(ingreso(), (c) => { c.Emisor.Nombre = 'ESCUELA KEMPER URGATE, S.A. DE C.V.'; }), expect: 'ok' },
  { name: 'sealed: taken from the Certificado', doc: sealingKit().sealed, ctx: sealingKit().ctx, expect: 'ok' },
  { name: 'another name', doc: mutate(ingreso(), (c) => { c.Emisor.Nombre = 'ESCUELA KEMPER'; }), expect: 'error' },
  { name: 'no CSD data', doc: ingreso(), ctx: fixtureContext({}, { titularCsd: undefined }), expect: 'notChecked' },
  { name: 'adquirente', doc: mutate(ingreso(), (c) => { c.Emisor.FacAtrAdquirente = '0123456789'; c.Emisor.Nombre = 'OTRO EMISOR'; }), ctx: fixtureContext({}, { facAtrAdquirente: true }), expect: 'notApplicable' },
]);
