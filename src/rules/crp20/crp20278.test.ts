import { crp20278 } from './crp20278.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20278, [
  { name: '06 with an ISR retention only', doc: mutPagos(pagoCompleto(), (p) => { const d = p.Pago[0].DoctoRelacionado[1]; d.ObjetoImpDR = '06'; d.ImpuestosDR!.TrasladosDR = []; d.ImpuestosDR!.RetencionesDR = d.ImpuestosDR!.RetencionesDR.slice(0, 1); const ip = p.Pago[0].ImpuestosP!; ip.RetencionesP = ip.RetencionesP.slice(0, 1); ip.TrasladosP[0].BaseP = '5000.000000'; ip.TrasladosP[0].ImporteP = '800.000000'; p.Totales.TotalRetencionesIVA = undefined; p.Totales.TotalTrasladosBaseIVA16 = '5000.00'; p.Totales.TotalTrasladosImpuestoIVA16 = '800.00'; }), expect: 'ok' },
  { name: '06 with IVA', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[1].ObjetoImpDR = '06'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
