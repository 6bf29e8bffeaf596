import { crp20279 } from './crp20279.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, mutPagos } from '../testing/pagos-fixtures.ts';
import { ingreso } from '../testing/fixtures.ts';

ruleCases(crp20279, [
  { name: '07 with IEPS', doc: mutPagos(pagoCompleto(), (p) => { const d = p.Pago[0].DoctoRelacionado[0]; d.ObjetoImpDR = '07'; d.ImpuestosDR!.TrasladosDR = [{ BaseDR: '5000.00', ImpuestoDR: '003', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.080000', ImporteDR: '400.00' }]; const ip = p.Pago[0].ImpuestosP!; ip.TrasladosP[0].BaseP = '1000.000000'; ip.TrasladosP[0].ImporteP = '160.000000'; ip.TrasladosP.push({ BaseP: '5000.000000', ImpuestoP: '003', TipoFactorP: 'Tasa', TasaOCuotaP: '0.080000', ImporteP: '400.000000' }); p.Totales.TotalTrasladosBaseIVA16 = '1000.00'; p.Totales.TotalTrasladosImpuestoIVA16 = '160.00'; }), expect: 'ok' },
  { name: '07 with IVA', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].ObjetoImpDR = '07'; }), expect: 'error' },
  { name: 'no Pagos complement (an Ingreso)', doc: ingreso(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
