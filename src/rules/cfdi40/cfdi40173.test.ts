import { cfdi40173 } from './cfdi40173.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40173, [
  { name: 'with traslados', doc: ingreso(), expect: 'ok' },
  { name: 'empty', doc: mutate(global(), (c) => { c.Conceptos[0].Impuestos = { Traslados: [], Retenciones: [] }; c.Impuestos = undefined; c.Total = '100.00'; }), expect: 'error' },
  { name: 'no Impuestos', doc: pago(), expect: 'notApplicable' },
]);
