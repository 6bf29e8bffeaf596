import { cfdi40175 } from './cfdi40175.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40175, [
  { name: 'IVA', doc: ingreso(), expect: 'ok' },
  { name: 'unknown tax', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Traslados[0].Impuesto = '004'; }), expect: 'error', alsoFires: ['CFDI40215', 'CFDI40221'] },
  { name: 'ISR is not transferred', doc: mutate(ingreso(), (c) => { c.Conceptos[1].Impuestos!.Traslados[0].Impuesto = '001'; }), expect: 'error', alsoFires: ['CFDI40215', 'CFDI40221'] },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
