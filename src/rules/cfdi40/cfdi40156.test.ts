import { cfdi40156 } from './cfdi40156.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40156, [
  { name: 'nine digits for USA', doc: extranjero(), expect: 'ok' },
  { name: 'letters for USA', doc: mutate(extranjero(), (c) => { c.Receptor.NumRegIdTrib = 'ABC123'; }), expect: 'error' },
  { name: 'country without pattern', doc: mutate(extranjero(), (c) => { c.Receptor.ResidenciaFiscal = 'DEU'; c.Receptor.NumRegIdTrib = 'DE123456789'; }), expect: 'ok' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
