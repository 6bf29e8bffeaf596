import { crp20269 } from './crp20269.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20269, [
  { name: 'an Exento document', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].ImpuestosDR!.TrasladosDR = [{ BaseDR: '5800.00', ImpuestoDR: '002', TipoFactorDR: 'Exento' }]; p.Pago[0].ImpuestosP!.TrasladosP.push({ BaseP: '5800.000000', ImpuestoP: '002', TipoFactorP: 'Exento' }); p.Pago[0].ImpuestosP!.TrasladosP[0].BaseP = '1000.000000'; p.Pago[0].ImpuestosP!.TrasladosP[0].ImporteP = '160.000000'; p.Totales.TotalTrasladosBaseIVA16 = '1000.00'; p.Totales.TotalTrasladosImpuestoIVA16 = '160.00'; p.Totales.TotalTrasladosBaseIVAExento = '5800.00'; }), expect: 'ok' },
  { name: 'Exento base off', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].ImpuestosDR!.TrasladosDR = [{ BaseDR: '5800.00', ImpuestoDR: '002', TipoFactorDR: 'Exento' }]; p.Pago[0].ImpuestosP!.TrasladosP.push({ BaseP: '5000.000000', ImpuestoP: '002', TipoFactorP: 'Exento' }); p.Pago[0].ImpuestosP!.TrasladosP[0].BaseP = '1000.000000'; p.Pago[0].ImpuestosP!.TrasladosP[0].ImporteP = '160.000000'; p.Totales.TotalTrasladosBaseIVA16 = '1000.00'; p.Totales.TotalTrasladosImpuestoIVA16 = '160.00'; p.Totales.TotalTrasladosBaseIVAExento = '5000.00'; }), expect: 'error' },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
