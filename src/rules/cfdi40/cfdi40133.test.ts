import { cfdi40133 } from './cfdi40133.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40133, [
  { name: 'May', doc: global(), expect: 'ok' },
  { name: 'unknown', doc: mutate(global(), (c) => { c.InformacionGlobal!.Meses = '19'; }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
