import { cfdi40129 } from './cfdi40129.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40129, [
  { name: 'valid key', doc: mutate(extranjero(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { tipoCambioReferencia: '15.00', confirmacion: 'valida' }), expect: 'ok' },
  { name: 'usada key', doc: mutate(extranjero(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { tipoCambioReferencia: '15.00', confirmacion: 'usada' }), expect: 'error' },
  { name: 'no source', doc: mutate(extranjero(), (c) => { c.Confirmacion = 'ECVH1'; }), expect: 'notChecked' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
