import { cfdi40184 } from './cfdi40184.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40184, [
  { name: 'Tasa', doc: ingreso(), expect: 'ok' },
  { name: 'Exento', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Retenciones[0].TipoFactor = 'Exento'; }), expect: 'error' },
  { name: 'no retentions', doc: global(), expect: 'notApplicable' },
]);
