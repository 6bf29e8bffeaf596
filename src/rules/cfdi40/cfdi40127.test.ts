import { cfdi40127 } from './cfdi40127.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { extranjero, fixtureContext, ingreso, mutate } from '../testing/fixtures.ts';
import { pagoCompleto, pagoUsd } from '../testing/pagos-fixtures.ts';

ruleCases(cfdi40127, [
  { name: 'justified by an out-of-range TipoCambio', doc: mutate(extranjero(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { tipoCambioReferencia: '15.00', confirmacion: 'valida' }), expect: 'ok' },
  { name: 'MXN within range', doc: mutate(ingreso(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { confirmacion: 'valida' }), expect: 'error' },
  { name: 'no reference rate', doc: mutate(extranjero(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { confirmacion: 'valida' }), expect: 'notChecked' },
  { name: 'a payment receipt with a Pago in USD', doc: mutate(pagoUsd(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { confirmacion: 'valida' }), expect: 'ok' },
  { name: 'a payment receipt in MXN within range', doc: mutate(pagoCompleto(), (c) => { c.Confirmacion = 'ECVH1'; }), ctx: fixtureContext({}, { confirmacion: 'valida' }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
