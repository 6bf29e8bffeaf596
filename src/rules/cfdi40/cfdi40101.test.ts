import { cfdi40101 } from './cfdi40101.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40101, [
  { name: 'local date-time without offset', doc: ingreso(), expect: 'ok' },
  { name: 'with a UTC offset', doc: mutate(ingreso(), (c) => { c.Fecha = '2025-06-15T12:00:00-06:00'; }), expect: 'error', alsoFires: ['CFDI40999'] },
  { name: 'hour 24', doc: mutate(ingreso(), (c) => { c.Fecha = '2025-06-15T24:00:00'; }), expect: 'error', alsoFires: ['CFDI40999'] },
], { alwaysApplies: true });
