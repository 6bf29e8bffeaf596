import { cfdi40154 } from './cfdi40154.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40154, [
  { name: 'domestic receptor without it', doc: ingreso(), expect: 'ok' },
  { name: 'domestic receptor with it', doc: mutate(ingreso(), (c) => { c.Receptor.NumRegIdTrib = '123456789'; }), expect: 'error', alsoFires: ['CFDI40153'] },
  { name: 'foreign receptor', doc: extranjero(), expect: 'notApplicable' },
]);
