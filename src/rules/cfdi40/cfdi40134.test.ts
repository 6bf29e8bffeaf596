import { cfdi40134 } from './cfdi40134.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40134, [
  { name: 'monthly with May', doc: global(), expect: 'ok' },
  { name: 'monthly with a bimester', doc: mutate(global(), (c) => { c.InformacionGlobal!.Meses = '13'; }), expect: 'error' },
  { name: 'bimestral', doc: mutate(global(), (c) => { c.InformacionGlobal = { Periodicidad: '05', Meses: '13', Año: '2025' }; }), expect: 'notApplicable' },
]);
