import { cfdi40214 } from './cfdi40214.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40214, [
  { name: 'two decimals', doc: ingreso(), expect: 'ok' },
  { name: 'three decimals', doc: mutate(ingreso(), (c) => { c.Impuestos!.Traslados[0].Base = '1000.000'; }), expect: 'error' },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
