import { cfdi40137 } from './cfdi40137.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { egreso, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40137, [
  { name: 'nota de crédito', doc: egreso(), expect: 'ok' },
  { name: 'unknown', doc: mutate(egreso(), (c) => { c.CfdiRelacionados[0].TipoRelacion = '08'; }), expect: 'error' },
  { name: 'absent', doc: ingreso(), expect: 'notApplicable' },
]);
