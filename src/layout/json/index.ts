/**
 * The `json` connector: the CFDI as a JSON document (schema.ts, published in the
 * OpenAPI document), for integrators without a text layout. Errors name the value
 * by its JSON pointer, e.g. `Campo /Conceptos/0/Cantidad: "dos" no es un número`.
 */
import type { ImpuestosDraft } from '../../cfdi/draft.ts';
import type { PagosDraft } from '../../cfdi/pagos/draft.ts';
import { emptyDatosImpresos, type DatosImpresos } from '../../cfdi/printed.ts';
import type { Connector, ConnectorContext, LayoutError, ParseResult } from '../connector.ts';
import { capErrors, layoutError } from '../errors.ts';
import { resolveDraft, type CfdiParcial, type ConceptoParcial } from '../resolve.ts';
import type { ErrorCode } from '../../shared/errors.ts';
import {
  checkCaracteres,
  checkDecimal,
  checkFecha,
  checkImpuesto,
  checkTasaOCuota,
  checkTipoFactor,
  checkUuid,
  type Checked,
} from '../values.ts';
import { jsonDocumentSchema } from './schema.ts';
import { charLength } from '../../shared/text.ts';

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxItems?: number;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  'x-layout'?: string;
};

const ptr = (path: string[]) => '/' + path.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

function shape(errors: LayoutError[], path: string[], problem: string): undefined {
  errors.push(layoutError('LAYOUT_JSON', { fieldName: ptr(path) }, problem));
  return undefined;
}

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v === 'number' ? 'number' : typeof v;
}

const CHECKS: Record<string, (v: string) => Checked> = {
  decimal: checkDecimal,
  fecha: checkFecha,
  impuesto: checkImpuesto,
  factor: checkTipoFactor,
  uuid: checkUuid,
  // Normalised once its TipoFactor is known (in toParcial).
  tasa: checkDecimal,
};

/**
 * Validates `value` against the schema subset we use and returns a copy with
 * `x-layout` strings normalised (trimmed, compact dates expanded, tax names → codes).
 */
function validate(value: unknown, schema: Schema, path: string[], errors: LayoutError[]): unknown {
  // No closures here: this runs once per JSON value, and tsx wraps every closure it
  // creates with a defineProperty call (keepNames). The pointer is built only for errors.
  const t = typeOf(value);
  switch (schema.type) {
    case 'object': {
      if (t !== 'object') return shape(errors, path, `debe ser un objeto y es ${t}`);
      const o = value as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const k of schema.required ?? []) {
        const v = o[k];
        if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) shape(errors, path, `falta la propiedad obligatoria "${k}"`);
      }
      for (const k of Object.keys(o)) {
        const sub = schema.properties?.[k];
        if (!sub) {
          errors.push(layoutError('LAYOUT_JSON', { fieldName: ptr([...path, k]) }, 'no es una propiedad del documento'));
          continue;
        }
        if (o[k] === null || o[k] === undefined) continue;
        path.push(k);
        const v = validate(o[k], sub, path, errors);
        path.pop();
        if (v !== undefined) out[k] = v;
      }
      return out;
    }
    case 'array': {
      if (t !== 'array') return shape(errors, path, `debe ser una lista y es ${t}`);
      const a = value as unknown[];
      if (schema.maxItems !== undefined && a.length > schema.maxItems) return shape(errors, path, `tiene ${a.length} elementos; el máximo es ${schema.maxItems}`);
      if (schema.minItems !== undefined && a.length < schema.minItems) return shape(errors, path, `debe tener al menos ${schema.minItems} elemento(s)`);
      const items = new Array<unknown>(a.length);
      for (let i = 0; i < a.length; i++) {
        path.push(String(i));
        items[i] = validate(a[i], schema.items ?? {}, path, errors);
        path.pop();
      }
      return items;
    }
    case 'boolean':
      return t === 'boolean' ? value : shape(errors, path, `debe ser true o false y es ${t}`);
    case 'string': {
      if (t !== 'string') {
        // Numbers would lose how the client wrote them (1.50 → 1.5): amounts are strings.
        return shape(errors, path, t === 'number' ? 'debe ser una cadena (los importes se escriben como "123.45")' : `debe ser una cadena y es ${t}`);
      }
      const s = (value as string).trim();
      if (s === '') return undefined;
      // JSON Schema's maxLength counts characters (code points), as the SAT's XSD does.
      if (schema.maxLength !== undefined && s.length > schema.maxLength && charLength(s) > schema.maxLength) {
        errors.push(layoutError('LAYOUT_LONGITUD', { fieldName: ptr(path) }, `tiene ${charLength(s)} caracteres; el máximo es ${schema.maxLength}`, s));
        return undefined;
      }
      const chars = checkCaracteres(s);
      const check = schema['x-layout'] ? CHECKS[schema['x-layout']] : undefined;
      if (chars.ok && !check) return s;
      const c = chars.ok ? check!(s) : chars;
      if (c.ok) return c.value;
      errors.push(layoutError(c.code as ErrorCode, { fieldName: ptr(path) }, c.problem, s));
      return undefined;
    }
    default:
      return value;
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any -- validated against the schema above */
/** The validated `Pagos` object → PagosDraft: rates to six decimals, TipoFactor Tasa when absent. */
function pagosDraft(p: any, errors: LayoutError[]): PagosDraft {
  const rate = (v: string | undefined, tf: string, at: string) => {
    if (v === undefined) return undefined;
    const c = checkTasaOCuota(v, tf);
    if (c.ok) return c.value;
    errors.push(layoutError('LAYOUT_NUMERO', { fieldName: at }, c.problem, v));
    return undefined;
  };
  const dr = (x: any, at: string) => {
    const tf = x.TipoFactorDR ?? 'Tasa';
    return { ...x, TipoFactorDR: tf, ...(x.TasaOCuotaDR !== undefined ? { TasaOCuotaDR: rate(x.TasaOCuotaDR, tf, `${at}/TasaOCuotaDR`) } : {}) };
  };
  return {
    ...(p.Totales ? { Totales: p.Totales } : {}),
    Pago: p.Pago.map((pg: any, i: number) => {
      const at = `/Pagos/Pago/${i}`;
      const out = { ...pg };
      out.DoctoRelacionado = pg.DoctoRelacionado.map((d: any, j: number) => {
        const o = { ...d };
        if (d.ImpuestosDR) {
          o.ImpuestosDR = {
            TrasladosDR: (d.ImpuestosDR.TrasladosDR ?? []).map((x: any, k: number) => dr(x, `${at}/DoctoRelacionado/${j}/ImpuestosDR/TrasladosDR/${k}`)),
            RetencionesDR: (d.ImpuestosDR.RetencionesDR ?? []).map((x: any, k: number) => dr(x, `${at}/DoctoRelacionado/${j}/ImpuestosDR/RetencionesDR/${k}`)),
          };
        }
        return o;
      });
      if (pg.ImpuestosP) {
        out.ImpuestosP = {
          RetencionesP: pg.ImpuestosP.RetencionesP ?? [],
          TrasladosP: (pg.ImpuestosP.TrasladosP ?? []).map((x: any, k: number) => {
            const tf = x.TipoFactorP ?? 'Tasa';
            return { ...x, TipoFactorP: tf, ...(x.TasaOCuotaP !== undefined ? { TasaOCuotaP: rate(x.TasaOCuotaP, tf, `${at}/ImpuestosP/TrasladosP/${k}/TasaOCuotaP`) } : {}) };
          }),
        };
      }
      return out;
    }),
  };
}

function toParcial(doc: any, errors: LayoutError[]): { parcial: CfdiParcial; printed: DatosImpresos } {
  const printed = emptyDatosImpresos();
  const rate = (x: any, at: string): string | undefined => {
    if (x.TasaOCuota === undefined) return undefined;
    const c = checkTasaOCuota(x.TasaOCuota, x.TipoFactor ?? 'Tasa');
    if (c.ok) return c.value;
    errors.push(layoutError('LAYOUT_NUMERO', { fieldName: `${at}/TasaOCuota` }, c.problem, x.TasaOCuota));
    return undefined;
  };
  const tax = (x: any, at: string, retencion: boolean) => {
    const out: any = { Impuesto: x.Impuesto, TipoFactor: x.TipoFactor ?? 'Tasa' };
    if (x.Base !== undefined) out.Base = x.Base;
    const r = rate(x, at);
    if (r !== undefined) out.TasaOCuota = r;
    else if (retencion || out.TipoFactor !== 'Exento') {
      if (x.TasaOCuota === undefined) errors.push(layoutError('LAYOUT_REQUERIDO', { fieldName: `${at}/TasaOCuota` }, `es obligatorio con TipoFactor ${out.TipoFactor}`));
      if (retencion) out.TasaOCuota = '';
    }
    if (x.Importe !== undefined) out.Importe = x.Importe;
    return out;
  };

  const conceptos: ConceptoParcial[] = (doc.Conceptos ?? []).map((c: any, i: number) => {
    const at = `/Conceptos/${i}/Impuestos`;
    const out: ConceptoParcial = {
      codigo: c.NoIdentificacion,
      ClaveProdServ: c.ClaveProdServ,
      NoIdentificacion: c.NoIdentificacion,
      Cantidad: c.Cantidad,
      ClaveUnidad: c.ClaveUnidad,
      Unidad: c.Unidad,
      Descripcion: c.Descripcion,
      ValorUnitario: c.ValorUnitario,
      Importe: c.Importe,
      Descuento: c.Descuento,
      ObjetoImp: c.ObjetoImp,
      Traslados: (c.Impuestos?.Traslados ?? []).map((x: any, j: number) => tax(x, `${at}/Traslados/${j}`, false)),
      Retenciones: (c.Impuestos?.Retenciones ?? []).map((x: any, j: number) => tax(x, `${at}/Retenciones/${j}`, true)),
      ACuentaTerceros: c.ACuentaTerceros,
      InformacionAduanera: c.InformacionAduanera ?? [],
      CuentaPredial: c.CuentaPredial ?? [],
    };
    printed.conceptos.push({});
    return out;
  });

  let impuestos: ImpuestosDraft | undefined;
  if (doc.Impuestos) {
    const d = doc.Impuestos;
    impuestos = {
      Traslados: (d.Traslados ?? []).map((x: any, j: number) => tax(x, `/Impuestos/Traslados/${j}`, false)),
      Retenciones: d.Retenciones ?? [],
    };
    if (d.TotalImpuestosTrasladados !== undefined) impuestos.TotalImpuestosTrasladados = d.TotalImpuestosTrasladados;
    if (d.TotalImpuestosRetenidos !== undefined) impuestos.TotalImpuestosRetenidos = d.TotalImpuestosRetenidos;
  }

  const { Receptor = {}, impreso = {}, envio, referenciaCliente, tipoCfd, Pagos, ...head } = doc;
  delete head.Conceptos;
  delete head.Impuestos;
  if (Pagos) head.Pagos = pagosDraft(Pagos, errors);
  const parcial: CfdiParcial = { ...head, CfdiRelacionados: head.CfdiRelacionados ?? [], Receptor, Conceptos: conceptos };
  if (impuestos) parcial.Impuestos = impuestos;

  if (referenciaCliente !== undefined) printed.referenciaCliente = referenciaCliente;
  if (tipoCfd !== undefined) printed.tipoCfd = tipoCfd;
  const { notas, ...restImpreso } = impreso;
  Object.assign(printed, restImpreso);
  if (notas) printed.notas = notas.filter((n: unknown) => n !== undefined);
  if (envio) printed.envio = { ...envio, direcciones: (envio.direcciones ?? []).filter(Boolean), adjuntar: envio.adjuntar ?? true };
  return { parcial, printed };
}
/* eslint-enable @typescript-eslint/no-explicit-any */

export const jsonConnector: Connector = {
  name: 'json',
  async parse(archivoFuente: string, ctx: ConnectorContext): Promise<ParseResult> {
    let doc: unknown;
    try {
      doc = JSON.parse(archivoFuente);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      return { ok: false, errors: [layoutError('LAYOUT_JSON', {}, `no es JSON válido (${why.slice(0, 200)})`)] };
    }
    const errors: LayoutError[] = [];
    const clean = validate(doc, jsonDocumentSchema as Schema, [], errors);
    // Conceptos is required except in a payment receipt, whose fixed concept the service writes.
    if (errors.length === 0 && !(clean as { Pagos?: unknown }).Pagos) {
      const conceptos = (clean as { Conceptos?: unknown[] }).Conceptos;
      if (conceptos === undefined) errors.push(layoutError('LAYOUT_JSON', { fieldName: '/' }, 'falta la propiedad obligatoria "Conceptos"'));
      else if (conceptos.length === 0) errors.push(layoutError('LAYOUT_JSON', { fieldName: '/Conceptos' }, 'debe tener al menos 1 elemento(s)'));
    }
    if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
    const { parcial, printed } = toParcial(clean, errors);
    if (errors.length > 0) return { ok: false, errors: capErrors(errors) };
    const r = await resolveDraft(parcial, printed, ctx, (path) => ({ fieldName: '/' + path.split('.').join('/') }));
    if (r.errors.length > 0) return { ok: false, errors: capErrors(r.errors) };
    return { ok: true, draft: r.draft, printed };
  },
};
