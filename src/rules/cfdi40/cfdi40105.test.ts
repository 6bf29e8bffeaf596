import { cfdi40105 } from './cfdi40105.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40105, [
  { name: 'PPD with 99', doc: mutate(ingreso(), (c) => { c.MetodoPago = 'PPD'; c.FormaPago = '99'; }), expect: 'ok' },
  { name: 'PPD with 03', doc: mutate(ingreso(), (c) => { c.MetodoPago = 'PPD'; }), expect: 'error' },
  { name: 'PUE', doc: ingreso(), expect: 'notApplicable' },
]);
