import { cfdi40179 } from './cfdi40179.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { global, ingreso, mutate, pago } from '../testing/fixtures.ts';

ruleCases(cfdi40179, [
  { name: 'catalog rates', doc: ingreso(), expect: 'ok' },
  { name: 'IVA 15 %', doc: mutate(global(), (c) => { c.Conceptos[0].Impuestos!.Traslados[0].TasaOCuota = '0.150000'; c.Conceptos[0].Impuestos!.Traslados[0].Importe = '15.00'; c.Impuestos!.Traslados[0].TasaOCuota = '0.150000'; c.Impuestos!.Traslados[0].Importe = '15.00'; c.Impuestos!.TotalImpuestosTrasladados = '15.00'; c.Total = '115.00'; }), expect: 'error', alsoFires: ['CFDI40219'] },
  { name: 'IVA 8 % (border region)', doc: mutate(global(), (c) => { c.Conceptos[0].Impuestos!.Traslados[0].TasaOCuota = '0.080000'; c.Conceptos[0].Impuestos!.Traslados[0].Importe = '8.00'; c.Impuestos!.Traslados[0].TasaOCuota = '0.080000'; c.Impuestos!.Traslados[0].Importe = '8.00'; c.Impuestos!.TotalImpuestosTrasladados = '8.00'; c.Total = '108.00'; }), expect: 'ok' },
  { name: 'none', doc: pago(), expect: 'notApplicable' },
]);
