import { crp20216 } from './crp20216.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoUsd } from '../testing/pagos-fixtures.ts';
import { mutate, fixtureContext } from '../testing/fixtures.ts';

ruleCases(crp20216, [
  { name: 'with a Confirmacion', doc: mutate(pagoUsd(), (c) => { c.Confirmacion = 'ABCDE'; }), expect: 'ok', ctx: fixtureContext({}, { confirmacion: 'valida' }) },
  { name: 'no reference rate', doc: pagoUsd(), expect: 'notChecked' },
  { name: 'MXN', doc: pagoCompleto(), expect: 'notApplicable' },
], { matrix: ALL_RULES, neverErrors: 'no source of reference exchange rates for MonedaP' });
