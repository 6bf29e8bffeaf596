import { cfdi40128 } from './cfdi40128.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40128, [
  { name: 'valid key', doc: mutate(extranjero(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { tipoCambioReferencia: '15.00', confirmacion: 'valida' }), expect: 'ok' },
  { name: 'invalida key', doc: mutate(extranjero(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { tipoCambioReferencia: '15.00', confirmacion: 'invalida' }), expect: 'error' },
  { name: 'no source', doc: mutate(extranjero(), (c) => { c.Confirmacion = 'ECVH1'; }), expect: 'notChecked' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
