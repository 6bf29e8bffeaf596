import { cfdi40132 } from './cfdi40132.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { fixtureContext, global, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40132, [
  { name: 'bimestral for 621', doc: mutate(global(), (c) => { c.Emisor = { Rfc: 'CACX7605101P8', Nombre: 'XOCHILT CASAS CHAVEZ', RegimenFiscal: '621' }; c.InformacionGlobal = { Periodicidad: '05', Meses: '13', Año: '2025' }; }), ctx: fixtureContext({}, { titularCsd: 'XOCHILT CASAS CHAVEZ' }), expect: 'ok' },
  { name: 'bimestral for 601', doc: mutate(global(), (c) => { c.InformacionGlobal = { Periodicidad: '05', Meses: '13', Año: '2025' }; }), expect: 'error' },
  { name: 'mensual', doc: global(), expect: 'notApplicable' },
]);
