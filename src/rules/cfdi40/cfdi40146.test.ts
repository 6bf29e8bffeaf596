import { cfdi40146 } from './cfdi40146.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40146, [
  { name: 'XAXX010101000', doc: global(), expect: 'ok' },
  { name: 'another RFC', doc: mutate(ingreso(), (c) => { c.Receptor.Nombre = 'PUBLICO EN GENERAL'; }), expect: 'error', alsoFires: ['CFDI40145'] },
  { name: 'named receptor', doc: ingreso(), expect: 'notApplicable' },
]);
