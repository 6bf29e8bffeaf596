import { crp20222 } from './crp20222.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo } from '../testing/pagos-fixtures.ts';
import { fixtureContext } from '../testing/fixtures.ts';

ruleCases(crp20222, [
  { name: 'RFC known to the register', doc: pagoCompleto(), expect: 'ok', ctx: fixtureContext({}, { contribuyentes: new Map([['BMI9704113PA', { rfc: 'BMI9704113PA', inscrito: true }]]) }) },
  { name: 'RFC not in the list', doc: pagoCompleto(), expect: 'error', ctx: fixtureContext({}, { contribuyentes: new Map([['BMI9704113PA', { rfc: 'BMI9704113PA', inscrito: false }]]) }) },
  { name: 'unknown to the register', doc: pagoCompleto(), expect: 'notChecked' },
  { name: 'cash, no bank', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
