import { cfdi40123 } from './cfdi40123.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40123, [
  { name: '01', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(ingreso(), (c) => { c.Exportacion = '05'; }), expect: 'error' },
  { name: '04 before 2022-02-25', doc: mutate(ingreso(), (c) => { c.Exportacion = '04'; c.Fecha = '2022-02-01T10:00:00'; c.InformacionGlobal = undefined; }), expect: 'error' },
], { alwaysApplies: true });
