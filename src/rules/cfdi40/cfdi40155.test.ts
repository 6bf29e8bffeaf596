import { cfdi40155 } from './cfdi40155.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40155, [
  { name: 'with Comercio Exterior and NumRegIdTrib', doc: mutate(extranjero(), (c) => { c.Exportacion = '02'; c.Complemento = { otros: [{ name: 'cce20:ComercioExterior', ns: 'http://www.sat.gob.mx/ComercioExterior20', attrs: [], children: [] }] }; }), expect: 'ok' },
  { name: 'with Comercio Exterior, without NumRegIdTrib', doc: mutate(extranjero(), (c) => { c.Exportacion = '02'; c.Receptor.NumRegIdTrib = undefined; c.Complemento = { otros: [{ name: 'cce20:ComercioExterior', ns: 'http://www.sat.gob.mx/ComercioExterior20', attrs: [], children: [] }] }; }), expect: 'error' },
  { name: 'foreign receptor without Comercio Exterior', doc: extranjero(), expect: 'notApplicable' },
]);
