import { cfdi40216 } from './cfdi40216.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { exento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40216, [
  { name: 'rounded sum', doc: exento(), expect: 'ok' },
  { name: 'not the sum', doc: mutate(exento(), (c) => { c.Impuestos!.Traslados[0].Base = '400.00'; }), expect: 'error' },
  { name: 'no Exento', doc: ingreso(), expect: 'notApplicable' },
]);
