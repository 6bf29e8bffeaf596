import { cfdi40220 } from './cfdi40220.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40220, [
  { name: 'two decimals', doc: ingreso(), expect: 'ok' },
  { name: 'three decimals', doc: mutate(ingreso(), (c) => { c.Impuestos!.Traslados[0].Importe = '160.000'; }), expect: 'error' },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
