import { cfdi40152 } from './cfdi40152.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40152, [
  { name: 'USA', doc: extranjero(), expect: 'ok' },
  { name: 'MEX', doc: mutate(extranjero(), (c) => { c.Receptor.ResidenciaFiscal = 'MEX'; c.Receptor.NumRegIdTrib = 'AAA010101AAA'; }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
