import { cfdi40178 } from './cfdi40178.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40178, [
  { name: 'Tasa with both', doc: ingreso(), expect: 'ok' },
  { name: 'Tasa without Importe', doc: mutate(global(), (c) => { c.Conceptos[0].Impuestos!.Traslados[0].Importe = undefined; }), expect: 'error', alsoFires: ['CFDI40221'] },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
