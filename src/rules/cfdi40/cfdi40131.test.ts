import { cfdi40131 } from './cfdi40131.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40131, [
  { name: 'mensual', doc: global(), expect: 'ok' },
  { name: 'unknown', doc: mutate(global(), (c) => { c.InformacionGlobal!.Periodicidad = '06'; }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
