import { crp20255 } from './crp20255.ts';
import { ruleCases } from '../testing/rule-cases.ts';
import { ALL_RULES } from '../all.ts';
import { pagoCompleto, pagoEfectivo, mutPagos } from '../testing/pagos-fixtures.ts';

ruleCases(crp20255, [
  { name: 'the complete payment receipt', doc: pagoCompleto(), expect: 'ok' },
  { name: 'zero', doc: mutPagos(pagoCompleto(), (p) => { p.Pago[0].DoctoRelacionado[0].ImpuestosDR!.TrasladosDR = [{ BaseDR: '0', ImpuestoDR: '002', TipoFactorDR: 'Exento' }]; p.Pago[0].ImpuestosP!.TrasladosP.push({ BaseP: '0.000000', ImpuestoP: '002', TipoFactorP: 'Exento' }); p.Pago[0].ImpuestosP!.TrasladosP[0].BaseP = '1000.000000'; p.Pago[0].ImpuestosP!.TrasladosP[0].ImporteP = '160.000000'; p.Totales.TotalTrasladosBaseIVA16 = '1000.00'; p.Totales.TotalTrasladosImpuestoIVA16 = '160.00'; }), expect: 'error' },
  { name: 'cash, no taxes', doc: pagoEfectivo(), expect: 'notApplicable' },
], { matrix: ALL_RULES });
