import { cfdi40206 } from './cfdi40206.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40206, [
  { name: 'present', doc: ingreso(), expect: 'ok' },
  { name: 'missing', doc: mutate(ingreso(), (c) => { c.Impuestos!.TotalImpuestosRetenidos = undefined; c.Total = '1160.00'; }), expect: 'error' },
  { name: 'no Retenciones', doc: global(), expect: 'notApplicable' },
]);
