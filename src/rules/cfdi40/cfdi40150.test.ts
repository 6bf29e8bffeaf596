import { cfdi40150 } from './cfdi40150.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40150, [
  { name: 'USA', doc: extranjero(), expect: 'ok' },
  { name: 'unknown', doc: mutate(extranjero(), (c) => { c.Receptor.ResidenciaFiscal = 'XYZ'; }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
