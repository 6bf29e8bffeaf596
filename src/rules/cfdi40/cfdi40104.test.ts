import { cfdi40104 } from './cfdi40104.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40104, [
  { name: 'transferencia', doc: ingreso(), expect: 'ok' },
  { name: 'unknown key', doc: mutate(ingreso(), (c) => { c.FormaPago = '07'; }), expect: 'error' },
  { name: 'absent', doc: pago(), expect: 'notApplicable' },
]);
