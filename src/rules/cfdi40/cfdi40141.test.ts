import { cfdi40141 } from './cfdi40141.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40141, [
  { name: 'moral with 601', doc: ingreso(), expect: 'ok' },
  { name: 'moral with 612', doc: mutate(ingreso(), (c) => { c.Emisor.RegimenFiscal = '612'; }), expect: 'error' },
  { name: 'física with 612', doc: mutate(ingreso(), (c) => { c.Emisor = { Rfc: 'CACX7605101P8', Nombre: 'XOCHILT CASAS CHAVEZ', RegimenFiscal: '612' }; }), ctx: fixtureContext({}, { titularCsd: 'XOCHILT CASAS CHAVEZ' }), expect: 'ok' },
], { alwaysApplies: true });
