import { cfdi40126 } from './cfdi40126.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { emptyContext, fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40126, [
  { name: 'known CP', doc: ingreso(), expect: 'ok' },
  { name: 'unknown CP', doc: mutate(ingreso(), (c) => { c.LugarExpedicion = '00000'; }), expect: 'error' },
  { name: 'catalog not loaded', doc: ingreso(), ctx: emptyContext(), expect: 'notChecked' },
  { name: 'catalog only partially loaded', doc: mutate(ingreso(), (c) => { c.LugarExpedicion = '00000'; }), ctx: fixtureContext({ partialCatalogs: new Set(['c_CodigoPostal']) }), expect: 'notChecked' },
], { alwaysApplies: true });
