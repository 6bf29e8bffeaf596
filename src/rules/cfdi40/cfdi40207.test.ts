import { cfdi40207 } from './cfdi40207.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40207, [
  { name: 'ISR and IVA', doc: ingreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(ingreso(), (c) => { c.Impuestos!.Retenciones[0].Impuesto = '004'; }), expect: 'error', alsoFires: ['CFDI40211'] },
  { name: 'none', doc: global(), expect: 'notApplicable' },
]);
