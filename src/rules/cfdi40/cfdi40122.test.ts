import { cfdi40122 } from './cfdi40122.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40122, [
  { name: 'definitive export with Comercio Exterior', doc: mutate(extranjero(), (c) => { c.Exportacion = '02'; c.Receptor.NumRegIdTrib = '123456789'; c.Complemento = { otros: [{ name: 'cce20:ComercioExterior', ns: 'http://www.sat.gob.mx/ComercioExterior20', attrs: [], children: [] }] }; }), expect: 'ok' },
  { name: 'definitive export without it', doc: mutate(extranjero(), (c) => { c.Exportacion = '02'; }), expect: 'error' },
  { name: 'no export', doc: ingreso(), expect: 'notApplicable' },
]);
