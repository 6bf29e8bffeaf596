import { cfdi40212 } from './cfdi40212.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { exento, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40212, [
  { name: 'present', doc: ingreso(), expect: 'ok' },
  { name: 'missing', doc: mutate(ingreso(), (c) => { c.Impuestos!.TotalImpuestosTrasladados = undefined; c.Total = '896.67'; }), expect: 'error' },
  { name: 'only Exento', doc: exento(), expect: 'notApplicable' },
]);
