import { cfdi40103 } from './cfdi40103.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40103, [
  { name: 'P without FormaPago', doc: pago(), expect: 'ok' },
  { name: 'P with FormaPago', doc: mutate(pago(), (c) => { c.FormaPago = '03'; }), expect: 'error' },
  { name: 'I may carry it', doc: ingreso(), expect: 'notApplicable' },
]);
