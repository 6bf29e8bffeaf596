import { cfdi40201 } from './cfdi40201.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ingreso, mutate, pago, traslado } from '../testing/fixtures.ts';

ruleCases(cfdi40201, [
  { name: 'P without Impuestos', doc: pago(), expect: 'ok' },
  { name: 'T with Impuestos', doc: mutate(traslado(), (c) => { c.Impuestos = { Retenciones: [], Traslados: [] }; }), expect: 'error' },
  { name: 'I', doc: ingreso(), expect: 'notApplicable' },
]);
