import { cfdi40210 } from './cfdi40210.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40210, [
  { name: 'two decimals', doc: ingreso(), expect: 'ok' },
  { name: 'three decimals', doc: mutate(ingreso(), (c) => { c.Impuestos!.Retenciones[0].Importe = '50.000'; }), expect: 'error' },
  { name: 'none', doc: global(), expect: 'notApplicable' },
]);
