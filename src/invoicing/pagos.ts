/**
 * Payment receipts against the service's own invoices (issue 13). Before completion, a
 * DoctoRelacionado whose IdDocumento is a CFDI this empresa issued gets, when the client
 * left them empty, NumParcialidad, ImpSaldoAnt, MonedaDR, ObjetoImpDR, Serie/Folio and the
 * invoice's taxes from the records; values the client gave are checked against them. After
 * the rules pass, the applications are recorded (race-safe, storage/pagos.ts) before the
 * folio is taken; a receipt that ends without a CFDI gives its balance back.
 */
import type { ComprobanteDraft } from '../cfdi/draft.ts';
import type { DoctoRelacionadoDraft, FacturaImpuestos } from '../cfdi/pagos/draft.ts';
import type { Comprobante } from '../cfdi/model.ts';
import { pagosDe } from '../cfdi/pagos/element.ts';
import { readComprobante } from '../cfdi/xml/read.ts';
import { compare, format, sub, sum } from '../cfdi/amounts/decimal.ts';
import { formatGenerationError, type ErrorCode } from '../shared/errors.ts';
import { saldoDe, type Aplicacion, type FacturaPagos, type PagosStore } from '../storage/pagos.ts';

export interface PagosPreparados {
  /** Applications to record once the rules pass (empty when no own invoice is paid). */
  pendientes: Array<{ factura: FacturaPagos; pago: number; docto: number }>;
}

const saldo = saldoDe;

function err(code: ErrorCode, msg: string): string {
  return formatGenerationError(code, msg);
}

/** The invoice's tax groups (concept level, summed) and whether it is object of tax. */
function impuestosFactura(c: Comprobante): { objetoImp: string; impuestos: FacturaImpuestos } {
  const tras = new Map<string, FacturaImpuestos['Traslados'][number] & { bases: string[] }>();
  const rets = new Map<string, FacturaImpuestos['Retenciones'][number] & { bases: string[] }>();
  for (const k of c.Conceptos) {
    for (const t of k.Impuestos?.Traslados ?? []) {
      const key = `${t.Impuesto}|${t.TipoFactor}|${t.TasaOCuota ?? ''}`;
      const g = tras.get(key) ?? { Impuesto: t.Impuesto, TipoFactor: t.TipoFactor, TasaOCuota: t.TasaOCuota, Base: '', bases: [] };
      g.bases.push(t.Base);
      tras.set(key, g);
    }
    for (const r of k.Impuestos?.Retenciones ?? []) {
      const key = `${r.Impuesto}|${r.TipoFactor}|${r.TasaOCuota}`;
      const g = rets.get(key) ?? { Impuesto: r.Impuesto, TipoFactor: r.TipoFactor, TasaOCuota: r.TasaOCuota, Base: '', bases: [] };
      g.bases.push(r.Base);
      rets.set(key, g);
    }
  }
  const objetoImp = c.Conceptos.some((k) => k.ObjetoImp === '02') ? '02' : c.Conceptos[0]?.ObjetoImp ?? '01';
  return {
    objetoImp,
    impuestos: {
      Total: c.Total,
      Traslados: [...tras.values()].map(({ bases, ...g }) => ({ ...g, Base: format(sum(bases)) })),
      Retenciones: [...rets.values()].map(({ bases, ...g }) => ({ ...g, Base: format(sum(bases)) })),
    },
  };
}

/**
 * Fills and checks the DoctoRelacionado of the service's own invoices (mutating the
 * draft). Returns client-facing errors, or what to record after the rules.
 */
export async function prepararPagos(store: PagosStore, empresaId: number, peticionId: number, draft: ComprobanteDraft): Promise<{ errors: string[] } | PagosPreparados> {
  const pendientes: PagosPreparados['pendientes'] = [];
  if (!draft.Pagos) return { pendientes };
  const uuids = [...new Set(draft.Pagos.Pago.flatMap((p) => p.DoctoRelacionado.map((d) => d.IdDocumento.toUpperCase())))];
  // A job resumed before sealing recorded its applications but sealed nothing: they are
  // given back and computed again (after the seal the stage is `sealed` and this never runs).
  if ((await store.aplicacionesDe(peticionId)).length) await store.liberar(peticionId);
  const facturas = await store.facturas(empresaId, uuids);
  if (facturas.size === 0) return { pendientes };
  const errors: string[] = [];
  const enCurso = new Map<number, string[]>();
  const sinImporte = new Set<number>();
  const xmls = new Map<number, Comprobante>();
  for (const [i, pago] of draft.Pagos.Pago.entries()) {
    for (const [j, d] of pago.DoctoRelacionado.entries()) {
      const f = facturas.get(d.IdDocumento.toUpperCase());
      if (!f) continue;
      const donde = `Pago ${i + 1}, DoctoRelacionado ${j + 1} (${f.uuid}${f.serie || f.folio ? `, ${f.serie ?? ''}${f.folio ?? ''}` : ''})`;
      let c = xmls.get(f.cfdiId);
      if (!c) {
        const xml = await store.facturaXml(f.cfdiId);
        if (!xml) continue;
        xmls.set(f.cfdiId, (c = readComprobante(xml)));
      }
      if (f.tipoDeComprobante !== 'I' || c.MetodoPago !== 'PPD' || f.fechaCancelacion) {
        errors.push(err('PAGO_FACTURA', `${donde}: la factura ${f.fechaCancelacion ? 'está cancelada' : `no es un Ingreso con MetodoPago PPD (${f.tipoDeComprobante}, ${c.MetodoPago ?? 'sin MetodoPago'})`}`));
        continue;
      }
      if (d.MonedaDR !== undefined && d.MonedaDR !== f.moneda) {
        errors.push(err('PAGO_FACTURA', `${donde}: MonedaDR ${d.MonedaDR} no es la moneda de la factura (${f.moneda})`));
        continue;
      }
      // The running balance of an invoice paid twice in this receipt needs the first amount:
      // one left to compute (from the Monto, later) would make the second ImpSaldoAnt wrong.
      if (sinImporte.has(f.cfdiId)) {
        errors.push(err('PAGO_DATO_FALTANTE', `${donde}: la factura se paga más de una vez en este recibo; indique ImpPagado en cada DoctoRelacionado de ella`));
        continue;
      }
      const pagados = enCurso.get(f.cfdiId) ?? [...f.pagados];
      const esperadoParcialidad = String(pagados.length + 1);
      const esperadoSaldo = saldo({ total: f.total, pagados });
      if (d.NumParcialidad !== undefined && d.NumParcialidad !== esperadoParcialidad) {
        errors.push(err('PAGO_PARCIALIDAD', `${donde}: NumParcialidad ${d.NumParcialidad} no es la siguiente de la factura (${esperadoParcialidad}; pagos vigentes: ${pagados.length})`));
        continue;
      }
      if (d.ImpSaldoAnt !== undefined && compare(d.ImpSaldoAnt, esperadoSaldo) !== 0) {
        errors.push(err('PAGO_SALDO_ANTERIOR', `${donde}: ImpSaldoAnt ${d.ImpSaldoAnt} no es el saldo de la factura (${esperadoSaldo})`));
        continue;
      }
      fill(d, f, c, esperadoParcialidad, esperadoSaldo);
      if (compare(esperadoSaldo, '0') <= 0) {
        errors.push(err('PAGO_EXCEDE_SALDO', `${donde}: ImpPagado ${d.ImpPagado ?? '(calculado del Monto)'} excede el saldo de la factura (${esperadoSaldo}): ya está pagada`));
        continue;
      }
      if (d.ImpPagado !== undefined && compare(d.ImpPagado, esperadoSaldo) > 0) {
        errors.push(err('PAGO_EXCEDE_SALDO', `${donde}: ImpPagado ${d.ImpPagado} excede el saldo de la factura (${esperadoSaldo})`));
        continue;
      }
      if (d.ImpPagado === undefined) sinImporte.add(f.cfdiId);
      pagados.push(d.ImpPagado ?? '0');
      enCurso.set(f.cfdiId, pagados);
      pendientes.push({ factura: f, pago: i, docto: j });
    }
  }
  return errors.length ? { errors } : { pendientes };
}

function fill(d: DoctoRelacionadoDraft, f: FacturaPagos, c: Comprobante, parcialidad: string, saldoAnt: string): void {
  d.IdDocumento = f.uuid;
  d.MonedaDR ??= f.moneda;
  d.NumParcialidad ??= parcialidad;
  d.ImpSaldoAnt ??= saldoAnt;
  if (d.Serie === undefined && f.serie !== undefined) d.Serie = f.serie;
  if (d.Folio === undefined && f.folio !== undefined) d.Folio = f.folio;
  const { objetoImp, impuestos } = impuestosFactura(c);
  d.ObjetoImpDR ??= objetoImp;
  if (!d.ImpuestosDR) d.factura = impuestos;
}

/** After completion: ImpPagado computed (single document) may exceed the balance too. */
export function aplicacionesFinales(c: Comprobante, prep: PagosPreparados): { errors: string[] } | { aplicaciones: Aplicacion[] } {
  const pagos = pagosDe(c);
  const aplicaciones: Aplicacion[] = [];
  const errors: string[] = [];
  for (const p of prep.pendientes) {
    const d = pagos?.Pago[p.pago]?.DoctoRelacionado[p.docto];
    if (!d) continue;
    if (compare(d.ImpPagado, d.ImpSaldoAnt) > 0) {
      errors.push(err('PAGO_EXCEDE_SALDO', `Pago ${p.pago + 1}, DoctoRelacionado ${p.docto + 1} (${d.IdDocumento}): ImpPagado ${d.ImpPagado} excede el saldo de la factura (${d.ImpSaldoAnt})`));
      continue;
    }
    aplicaciones.push({ facturaCfdiId: p.factura.cfdiId, numParcialidad: Number(d.NumParcialidad), impSaldoAnt: d.ImpSaldoAnt, impPagado: d.ImpPagado, impSaldoInsoluto: d.ImpSaldoInsoluto });
  }
  return errors.length ? { errors } : { aplicaciones };
}

/** The balance of an invoice already known to be a PPD income invoice (the GET's one read says so). */
export async function saldoDeFacturaPpd(store: PagosStore, cfdiId: number): Promise<string | undefined> {
  const f = await store.factura(cfdiId);
  return f && saldo(f);
}

export { saldoDe as saldoDeFactura };
