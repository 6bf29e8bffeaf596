import { cfdi40221 } from './cfdi40221.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { exento, global, ingreso, mutate } from '../testing/fixtures.ts';

ruleCases(cfdi40221, [
  { name: 'rounded sum', doc: ingreso(), expect: 'ok' },
  { name: 'not the sum', doc: mutate(ingreso(), (c) => { c.Impuestos!.Traslados[0].Importe = '150.00'; c.Impuestos!.TotalImpuestosTrasladados = '150.00'; c.Total = '1046.67'; }), expect: 'error' },
  { name: 'a concept group without its row', doc: mutate(global(), (c) => { c.Conceptos.push({ ...structuredClone(c.Conceptos[0]), Impuestos: { Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.080000', Importe: '8.00' }], Retenciones: [] } }); c.SubTotal = '200.00'; c.Total = '216.00'; }), expect: 'error' },
  { name: 'only Exento', doc: exento(), expect: 'notApplicable' },
  // issue 10: a total declared with no rows behind it (the concepts carry traslados) is a missing group.
  { name: 'no rows although the Conceptos carry traslados', doc: mutate(ingreso(), (c) => { c.Impuestos!.Traslados = []; c.Impuestos!.TotalImpuestosTrasladados = '0.00'; c.Total = '896.67'; }), expect: 'error' },
  { name: 'no Impuestos at all although the Conceptos carry traslados', doc: mutate(ingreso(), (c) => { c.Impuestos = undefined; c.Conceptos[1].Impuestos!.Retenciones = []; c.Total = '1000.00'; }), expect: 'error', alsoFires: ['CFDI40212'] },
  { name: 'no rows and no concept traslados', doc: mutate(ingreso(), (c) => { c.Impuestos!.Traslados = []; c.Impuestos!.TotalImpuestosTrasladados = undefined; for (const k of c.Conceptos) k.Impuestos!.Traslados = []; c.Total = '896.67'; }), expect: 'notApplicable' },
]);
