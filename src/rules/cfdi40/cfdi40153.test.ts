import { cfdi40153 } from './cfdi40153.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40153, [
  { name: 'foreign receptor with it', doc: extranjero(), expect: 'ok' },
  { name: 'NumRegIdTrib without it', doc: mutate(extranjero(), (c) => { c.Receptor.ResidenciaFiscal = undefined; }), expect: 'error' },
  { name: 'domestic receptor', doc: ingreso(), expect: 'notApplicable' },
]);
