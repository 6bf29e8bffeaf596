/**
 * The Pagos 2.0 complement between its typed model and the generic element a
 * Comprobante carries in `Complemento.otros` (see ./model.ts for why both exist).
 */
import type { Comprobante, XmlElement } from '../model.ts';
import { NS_PAGOS20 } from '../xml/namespaces.ts';
import {
  A_DOCTO, A_IMPUESTO_DR, A_PAGO, A_RETENCION_P, A_TOTALES, A_TRASLADO_P,
  type DoctoRelacionado, type ImpuestoDR, type Pago, type Pagos,
} from './model.ts';

const P = 'pago20:';

function el(local: string, o: object, names: readonly string[], children: XmlElement[] = []): XmlElement {
  const r = o as Record<string, string | undefined>;
  const attrs: Array<[string, string]> = [];
  for (const n of names) if (r[n] !== undefined) attrs.push([n, r[n] as string]);
  return { name: P + local, ns: NS_PAGOS20, attrs, children };
}

function impuestosDR(d: DoctoRelacionado): XmlElement[] {
  const i = d.ImpuestosDR;
  if (!i || (!i.RetencionesDR.length && !i.TrasladosDR.length)) return [];
  const kids: XmlElement[] = [];
  if (i.RetencionesDR.length) kids.push(el('RetencionesDR', {}, [], i.RetencionesDR.map((x) => el('RetencionDR', x, A_IMPUESTO_DR))));
  if (i.TrasladosDR.length) kids.push(el('TrasladosDR', {}, [], i.TrasladosDR.map((x) => el('TrasladoDR', x, A_IMPUESTO_DR))));
  return [el('ImpuestosDR', {}, [], kids)];
}

function pagoElement(p: Pago): XmlElement {
  const kids = p.DoctoRelacionado.map((d) => el('DoctoRelacionado', d, A_DOCTO, impuestosDR(d)));
  const i = p.ImpuestosP;
  if (i && (i.RetencionesP.length || i.TrasladosP.length)) {
    const ik: XmlElement[] = [];
    if (i.RetencionesP.length) ik.push(el('RetencionesP', {}, [], i.RetencionesP.map((x) => el('RetencionP', x, A_RETENCION_P))));
    if (i.TrasladosP.length) ik.push(el('TrasladosP', {}, [], i.TrasladosP.map((x) => el('TrasladoP', x, A_TRASLADO_P))));
    kids.push(el('ImpuestosP', {}, [], ik));
  }
  return el('Pago', p, A_PAGO, kids);
}

/** The `pago20:Pagos` element, children and attributes in the schema's order. */
export function pagosElement(p: Pagos): XmlElement {
  return el('Pagos', p, ['Version'], [el('Totales', p.Totales, A_TOTALES), ...p.Pago.map(pagoElement)]);
}

function localOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}
function kids(e: XmlElement, local: string): XmlElement[] {
  return e.children.filter((c) => c.ns === NS_PAGOS20 && localOf(c.name) === local);
}
function grand(e: XmlElement, a: string, b: string): XmlElement[] {
  return kids(e, a).flatMap((x) => kids(x, b));
}
function read<T>(e: XmlElement, names: readonly string[], required: readonly string[]): T {
  const o: Record<string, string | undefined> = {};
  for (const n of names) o[n] = undefined;
  for (const [k, v] of e.attrs) if (k in o) o[k] = v;
  // A required attribute that is absent reads as '' (the cadena then has an empty field, as xsltproc's).
  for (const n of required) o[n] ??= '';
  return o as T;
}

function readImpuestoDR(e: XmlElement): ImpuestoDR {
  return read<ImpuestoDR>(e, A_IMPUESTO_DR, ['BaseDR', 'ImpuestoDR', 'TipoFactorDR']);
}

/** Reads a `pago20:Pagos` element as the typed model; values as written. */
export function pagosFromElement(e: XmlElement): Pagos {
  const totales = kids(e, 'Totales')[0];
  return {
    Version: (e.attrs.find(([k]) => k === 'Version')?.[1] ?? '') as '2.0',
    Totales: totales ? read(totales, A_TOTALES, ['MontoTotalPagos']) : { MontoTotalPagos: '' },
    Pago: kids(e, 'Pago').map((pe): Pago => {
      const p = read<Pago>(pe, A_PAGO, ['FechaPago', 'FormaDePagoP', 'MonedaP', 'Monto']);
      p.DoctoRelacionado = kids(pe, 'DoctoRelacionado').map((de) => {
        const d = read<DoctoRelacionado>(de, A_DOCTO, ['IdDocumento', 'MonedaDR', 'NumParcialidad', 'ImpSaldoAnt', 'ImpPagado', 'ImpSaldoInsoluto', 'ObjetoImpDR']);
        const idr = kids(de, 'ImpuestosDR')[0];
        d.ImpuestosDR = idr
          ? { RetencionesDR: grand(idr, 'RetencionesDR', 'RetencionDR').map(readImpuestoDR), TrasladosDR: grand(idr, 'TrasladosDR', 'TrasladoDR').map(readImpuestoDR) }
          : undefined;
        return d;
      });
      const ip = kids(pe, 'ImpuestosP')[0];
      p.ImpuestosP = ip
        ? {
            RetencionesP: grand(ip, 'RetencionesP', 'RetencionP').map((x) => read(x, A_RETENCION_P, A_RETENCION_P)),
            TrasladosP: grand(ip, 'TrasladosP', 'TrasladoP').map((x) => read(x, A_TRASLADO_P, ['BaseP', 'ImpuestoP', 'TipoFactorP'])),
          }
        : undefined;
      return p;
    }),
  };
}

/** True for the `pago20:Pagos` element, whatever its prefix. */
export function isPagosElement(e: XmlElement): boolean {
  return e.ns === NS_PAGOS20 && localOf(e.name) === 'Pagos';
}

/** The Pagos 2.0 complement of a Comprobante, typed; undefined when it has none. */
export function pagosDe(c: Comprobante): Pagos | undefined {
  const e = c.Complemento?.otros.find(isPagosElement);
  return e ? pagosFromElement(e) : undefined;
}

/** How many `pago20:Pagos` elements the Comprobante carries (the SAT allows one). */
export function pagosCount(c: Comprobante): number {
  return c.Complemento?.otros.filter(isPagosElement).length ?? 0;
}
