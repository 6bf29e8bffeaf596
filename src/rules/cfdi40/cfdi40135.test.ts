import { cfdi40135 } from './cfdi40135.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { fixtureContext, global, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40135, [
  { name: 'bimestral with a bimester', doc: mutate(global(), (c) => { c.Emisor = { Rfc: 'CACX7605101P8', Nombre: 'XOCHILT CASAS CHAVEZ', RegimenFiscal: '621' }; c.InformacionGlobal = { Periodicidad: '05', Meses: '14', Año: '2025' }; }), ctx: fixtureContext({}, { titularCsd: 'XOCHILT CASAS CHAVEZ' }), expect: 'ok' },
  { name: 'bimestral with a month', doc: mutate(global(), (c) => { c.Emisor = { Rfc: 'CACX7605101P8', Nombre: 'XOCHILT CASAS CHAVEZ', RegimenFiscal: '621' }; c.InformacionGlobal = { Periodicidad: '05', Meses: '05', Año: '2025' }; }), ctx: fixtureContext({}, { titularCsd: 'XOCHILT CASAS CHAVEZ' }), expect: 'error' },
  { name: 'monthly', doc: global(), expect: 'notApplicable' },
]);
