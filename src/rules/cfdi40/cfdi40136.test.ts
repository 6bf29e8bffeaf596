import { cfdi40136 } from './cfdi40136.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40136, [
  { name: 'year of Fecha', doc: global(), expect: 'ok' },
  { name: 'previous year', doc: mutate(global(), (c) => { c.InformacionGlobal!.Año = '2024'; }), expect: 'ok' },
  { name: 'two years before', doc: mutate(global(), (c) => { c.InformacionGlobal!.Año = '2023'; }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
