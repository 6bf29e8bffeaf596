import { cfdi40182 } from './cfdi40182.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40182, [
  { name: 'IVA', doc: ingreso(), expect: 'ok' },
  { name: 'unknown tax', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Retenciones[0].Impuesto = '004'; }), expect: 'error', alsoFires: ['CFDI40211'] },

  { name: 'none', doc: global(), expect: 'notApplicable' },
]);
