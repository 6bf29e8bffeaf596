import { cfdi40120 } from './cfdi40120.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, traslado } from '../testing/fixtures.ts';

ruleCases(cfdi40120, [
  { name: 'below the limit', doc: ingreso(), expect: 'ok' },
  { name: 'T with an amount and no Confirmacion', doc: mutate(traslado(), (c) => { c.Total = '1'; }), expect: 'error', alsoFires: ['CFDI40119'] },
], { alwaysApplies: true });
