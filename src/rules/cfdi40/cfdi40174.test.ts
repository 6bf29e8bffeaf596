import { cfdi40174 } from './cfdi40174.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40174, [
  { name: 'positive', doc: ingreso(), expect: 'ok' },
  { name: 'zero', doc: mutate(global(), (c) => { c.Conceptos[0].Impuestos!.Traslados[0] = { Base: '0', Impuesto: '002', TipoFactor: 'Exento' }; c.Impuestos = { Retenciones: [], Traslados: [{ Base: '0.00', Impuesto: '002', TipoFactor: 'Exento' }] }; c.Total = '100.00'; }), expect: 'error' },
  { name: 'no traslados', doc: pago(), expect: 'notApplicable' },
]);
