import { cfdi40130 } from './cfdi40130.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40130, [
  { name: 'global invoice', doc: global(), expect: 'ok' },
  { name: 'público en general without InformacionGlobal', doc: mutate(global(), (c) => { c.InformacionGlobal = undefined; }), expect: 'error' },
  { name: 'InformacionGlobal for a named receptor', doc: mutate(ingreso(), (c) => { c.InformacionGlobal = { Periodicidad: '04', Meses: '05', Año: '2025' }; }), expect: 'error' },
  { name: 'named receptor', doc: ingreso(), expect: 'notApplicable' },
]);
