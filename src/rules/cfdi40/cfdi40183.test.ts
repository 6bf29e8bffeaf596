import { cfdi40183 } from './cfdi40183.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40183, [
  { name: 'Tasa', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Retenciones[0].TipoFactor = 'Porcentaje'; }), expect: 'error' },
  { name: 'none', doc: global(), expect: 'notApplicable' },
]);
