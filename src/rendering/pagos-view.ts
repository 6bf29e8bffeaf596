/**
 * The printed payments section of a payment receipt (Pagos 2.0): each Pago with its data,
 * the documents it pays (parcialidad, balances, taxes) and its taxes, then the Totales.
 * Plain lines: the template lays them out like its other text sections.
 */
import type { Comprobante } from '../cfdi/model.ts';
import { pagosDe } from '../cfdi/pagos/element.ts';
import type { ImpuestoDR } from '../cfdi/pagos/model.ts';
import { describe } from '../catalogs/index.ts';
import { coded, groupThousands, percent } from './format.ts';

export interface PagoView {
  titulo: string;
  datos: string[];
  documentos: string[];
  impuestos: string[];
}

export interface PagosView {
  pagos: PagoView[];
  totales: string[];
}

const impuesto = (code: string) => describe('c_Impuesto', code) ?? code;
const n = (v: string | undefined) => (v === undefined || v === '' ? '' : groupThousands(v));

function taxText(kind: string, t: ImpuestoDR): string {
  const rate = t.TipoFactorDR === 'Exento' ? 'Exento' : `${t.TipoFactorDR} ${t.TipoFactorDR === 'Tasa' && t.TasaOCuotaDR ? percent(t.TasaOCuotaDR) : t.TasaOCuotaDR ?? ''}`;
  return `${kind} ${impuesto(t.ImpuestoDR)} ${rate}: base ${n(t.BaseDR)}${t.ImporteDR !== undefined ? `, importe ${n(t.ImporteDR)}` : ''}`;
}

export function pagosView(c: Comprobante): PagosView | undefined {
  const p = pagosDe(c);
  if (!p) return undefined;
  const pagos = p.Pago.map((pago, i): PagoView => {
    const datos = [
      `Fecha de pago: ${pago.FechaPago}`,
      `Forma de pago: ${coded(pago.FormaDePagoP, describe('c_FormaPago', pago.FormaDePagoP))}`,
      `Moneda: ${pago.MonedaP}${pago.TipoCambioP ? `, tipo de cambio ${pago.TipoCambioP}` : ''}`,
      `Monto: ${n(pago.Monto)} ${pago.MonedaP}`,
    ];
    if (pago.NumOperacion) datos.push(`Número de operación: ${pago.NumOperacion}`);
    const cuentas = [
      pago.RfcEmisorCtaOrd && `banco ordenante ${pago.RfcEmisorCtaOrd}`, pago.NomBancoOrdExt && pago.NomBancoOrdExt,
      pago.CtaOrdenante && `cuenta ordenante ${pago.CtaOrdenante}`, pago.RfcEmisorCtaBen && `banco beneficiario ${pago.RfcEmisorCtaBen}`,
      pago.CtaBeneficiario && `cuenta beneficiaria ${pago.CtaBeneficiario}`,
    ].filter(Boolean);
    if (cuentas.length) datos.push(`Cuentas: ${cuentas.join('; ')}`);
    if (pago.TipoCadPago) datos.push(`Cadena de pago (${pago.TipoCadPago})`);
    const documentos = pago.DoctoRelacionado.map((d) => {
      const sf = `${d.Serie ?? ''}${d.Folio ?? ''}`;
      const taxes = [...(d.ImpuestosDR?.TrasladosDR ?? []).map((t) => taxText('Traslado', t)), ...(d.ImpuestosDR?.RetencionesDR ?? []).map((t) => taxText('Retención', t))];
      return [
        `Documento ${d.IdDocumento}${sf ? ` (${sf})` : ''}: parcialidad ${d.NumParcialidad}, moneda ${d.MonedaDR}${d.EquivalenciaDR && d.EquivalenciaDR !== '1' ? ` (equivalencia ${d.EquivalenciaDR})` : ''}`,
        `saldo anterior ${n(d.ImpSaldoAnt)}, importe pagado ${n(d.ImpPagado)}, saldo insoluto ${n(d.ImpSaldoInsoluto)}`,
        `objeto de impuesto ${coded(d.ObjetoImpDR, describe('c_ObjetoImp', d.ObjetoImpDR))}`,
        ...taxes,
      ].join(' · ');
    });
    const ip = pago.ImpuestosP;
    const impuestos = [
      ...(ip?.TrasladosP ?? []).map((t) => `Traslado ${impuesto(t.ImpuestoP)} ${t.TipoFactorP === 'Exento' ? 'Exento' : `${t.TipoFactorP} ${t.TasaOCuotaP && t.TipoFactorP === 'Tasa' ? percent(t.TasaOCuotaP) : t.TasaOCuotaP ?? ''}`}: base ${n(t.BaseP)}${t.ImporteP ? `, importe ${n(t.ImporteP)}` : ''}`),
      ...(ip?.RetencionesP ?? []).map((r) => `Retención ${impuesto(r.ImpuestoP)}: ${n(r.ImporteP)}`),
    ];
    return { titulo: `Pago ${i + 1}`, datos, documentos, impuestos };
  });
  const t = p.Totales;
  const totales = [
    `Monto total de los pagos: ${n(t.MontoTotalPagos)} MXN`,
    ...([
      ['Total retenciones IVA', t.TotalRetencionesIVA], ['Total retenciones ISR', t.TotalRetencionesISR], ['Total retenciones IEPS', t.TotalRetencionesIEPS],
      ['Base IVA 16 %', t.TotalTrasladosBaseIVA16], ['IVA 16 %', t.TotalTrasladosImpuestoIVA16], ['Base IVA 8 %', t.TotalTrasladosBaseIVA8],
      ['IVA 8 %', t.TotalTrasladosImpuestoIVA8], ['Base IVA 0 %', t.TotalTrasladosBaseIVA0], ['IVA 0 %', t.TotalTrasladosImpuestoIVA0],
      ['Base IVA exento', t.TotalTrasladosBaseIVAExento],
    ] as Array<[string, string | undefined]>).filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${n(v)}`),
  ];
  return { pagos, totales };
}
