import { cfdi40116 } from './cfdi40116.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40116, [
  { name: 'XXX without TipoCambio', doc: pago(), expect: 'ok' },
  { name: 'XXX with TipoCambio', doc: mutate(pago(), (c) => { c.TipoCambio = '1'; }), expect: 'error' },
  { name: 'MXN', doc: ingreso(), expect: 'notApplicable' },
]);
