import { cfdi40151 } from './cfdi40151.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40151, [
  { name: 'domestic receptor without it', doc: ingreso(), expect: 'ok' },
  { name: 'domestic receptor with it', doc: mutate(ingreso(), (c) => { c.Receptor.ResidenciaFiscal = 'USA'; }), expect: 'error' },
  { name: 'foreign receptor', doc: extranjero(), expect: 'notApplicable' },
]);
