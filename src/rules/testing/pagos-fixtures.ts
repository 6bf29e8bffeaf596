/**
 * Payment receipts for the CRP20 rule tables: complete, valid documents built from a
 * payment's inputs by the completion engine (so they are consistent by construction),
 * and a typed way to mutate their complement.
 */
import type { Comprobante } from '../../cfdi/model.ts';
import type { Pagos } from '../../cfdi/pagos/model.ts';
import type { PagosDraft } from '../../cfdi/pagos/draft.ts';
import { completePagos } from '../../cfdi/pagos/complete.ts';
import { isPagosElement, pagosDe, pagosElement } from '../../cfdi/pagos/element.ts';
import { monedaDecimales } from '../../catalogs/index.ts';
import { mutate, pago } from './fixtures.ts';

export const UUID_A = '7D1C3A52-0E4B-4F7A-9C61-2B8E5F3A9D10';
export const UUID_B = '5B9E2D4F-6A1C-4E8B-B3D7-0F2A4C6E8A1B';

function conPagos(d: PagosDraft): Comprobante {
  const c = pago();
  const { pagos, faltantes } = completePagos(d, { monedaDecimales });
  if (faltantes.length) throw new Error(`fixture incomplete: ${JSON.stringify(faltantes)}`);
  c.Complemento = { otros: [pagosElement(pagos)] };
  return c;
}

/** MXN transfer paying half of one invoice (IVA 16 %) and all of another with ISR and IVA retentions. */
export function pagoCompleto(): Comprobante {
  return conPagos({
    Pago: [{
      FechaPago: '2025-06-14T10:00:00', FormaDePagoP: '03', MonedaP: 'MXN', NumOperacion: 'SPEI-1',
      RfcEmisorCtaOrd: 'BMI9704113PA', CtaOrdenante: '0001970000', RfcEmisorCtaBen: 'BBA830831LJ2', CtaBeneficiario: '0198005000',
      DoctoRelacionado: [
        { IdDocumento: UUID_A, Serie: 'F', Folio: '1', NumParcialidad: '1', ImpSaldoAnt: '11600.00', ImpPagado: '5800.00',
          ImpuestosDR: { RetencionesDR: [], TrasladosDR: [{ ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000' }] } },
        { IdDocumento: UUID_B, NumParcialidad: '2', ImpSaldoAnt: '953.33', ImpPagado: '953.33',
          ImpuestosDR: {
            TrasladosDR: [{ ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000' }],
            RetencionesDR: [{ ImpuestoDR: '001', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.100000' }, { ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.106667' }],
          } },
      ],
    }],
  });
}

/** A USD payment of an MXN invoice (EquivalenciaDR 17.25), IVA 16 %. */
export function pagoUsd(): Comprobante {
  return conPagos({
    Pago: [{
      FechaPago: '2025-06-14T10:00:00', FormaDePagoP: '03', MonedaP: 'USD', TipoCambioP: '17.250000', Monto: '500.00',
      DoctoRelacionado: [{ IdDocumento: UUID_A, MonedaDR: 'MXN', EquivalenciaDR: '17.2500000000', NumParcialidad: '2', ImpSaldoAnt: '17250.00', ImpPagado: '8625.00',
        ImpuestosDR: { RetencionesDR: [], TrasladosDR: [{ ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000' }] } }],
    }],
  });
}

/** A cash payment (no bank data) of an invoice that is not object of tax. */
export function pagoEfectivo(): Comprobante {
  return conPagos({
    Pago: [{ FechaPago: '2025-06-14T10:00:00', FormaDePagoP: '01', MonedaP: 'MXN', DoctoRelacionado: [{ IdDocumento: UUID_A, NumParcialidad: '1', ImpSaldoAnt: '500.00', ImpPagado: '500.00', ObjetoImpDR: '01' }] }],
  });
}

/** A copy whose complement went through `fn` on its typed model (Totales are not recomputed). */
export function mutPagos(c: Comprobante, fn: (p: Pagos) => void): Comprobante {
  return mutate(c, (x) => {
    const p = pagosDe(x)!;
    fn(p);
    const otros = x.Complemento!.otros;
    otros[otros.findIndex(isPagosElement)] = pagosElement(p);
  });
}
