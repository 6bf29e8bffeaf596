import { cfdi40215 } from './cfdi40215.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { exento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40215, [
  { name: 'rounded sum', doc: ingreso(), expect: 'ok' },
  { name: 'not the sum', doc: mutate(ingreso(), (c) => { c.Impuestos!.Traslados[0].Base = '900.00'; }), expect: 'error' },
  { name: 'only Exento', doc: exento(), expect: 'notApplicable' },
]);
