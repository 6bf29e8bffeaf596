import { cfdi40163 } from './cfdi40163.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { emptyContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40163, [
  { name: 'key requiring a complement, with one', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '78101800'; c.Complemento = { otros: [{ name: 'cartaporte31:CartaPorte', ns: 'http://www.sat.gob.mx/CartaPorte31', attrs: [], children: [] }] }; }), expect: 'ok' },
  { name: 'key requiring a complement, without one', doc: mutate(ingreso(), (c) => { c.Conceptos[0].ClaveProdServ = '78101800'; }), expect: 'error' },
  { name: 'keys without requirement', doc: ingreso(), expect: 'notApplicable' },
  { name: 'catalog not loaded', doc: ingreso(), ctx: emptyContext(), expect: 'notChecked' },
]);
