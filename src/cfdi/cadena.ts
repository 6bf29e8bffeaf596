/**
 * Cadena original of CFDI 4.0 and of the TFD 1.1, built directly from the model and
 * byte-identical to what `xsltproc` produces with the SAT stylesheets
 * (cadenaoriginal_4_0.xslt + utilerias.xslt + Pagos20.xslt, cadenaoriginal_TFD_1_1.xslt):
 *
 * - `Requerido` writes `|` + value even when the attribute is absent (empty value);
 * - `Opcional` writes `|` + value only when the attribute exists (an empty one still
 *   writes `|`, as an XPath node-set test is true for any existing attribute);
 * - every value goes through XPath normalize-space: only space, TAB, CR and LF count as
 *   whitespace (JavaScript's trim() would also strip NBSP and others — the SAT does not).
 *
 * Complements: Pagos 2.0 follows Pagos20.xslt; the TFD has no template (contributes
 * nothing); an element of a namespace the SAT stylesheet does not know gets XSLT's
 * built-in rule: its descendant text in document order, whitespace-only text, CDATA and
 * entities included, comments, processing instructions and attributes excluded (the
 * stylesheet has no xsl:strip-space). A SAT complement whose template we have not
 * written, or an unknown one holding elements of a namespace the stylesheet has
 * templates for (they would fire inside it), is refused — "complemento no soportado" —
 * rather than signed or judged with a wrong cadena.
 */
import type { Comprobante, Concepto, TimbreFiscalDigital, XmlElement } from './model.ts';
import { NS_CFDI, NS_PAGOS20, NS_TFD } from './xml/namespaces.ts';

const WS_EDGE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const WS_RUN = /[ \t\r\n]+/g;
const NEEDS_NORMALIZE = /[\t\r\n]| {2}|^ | $/;

/** XPath 1.0 normalize-space. */
export function normalizeSpace(v: string): string {
  if (!NEEDS_NORMALIZE.test(v)) return v;
  return v.replace(WS_EDGE, '').replace(WS_RUN, ' ');
}

/** Namespaces that cadenaoriginal_4_0.xslt handles with its own templates. */
const SAT_COMPLEMENT_NAMESPACES = new Set([
  'http://www.sat.gob.mx/ComercioExterior11',
  'http://www.sat.gob.mx/ComercioExterior20',
  'http://www.sat.gob.mx/donat',
  'http://www.sat.gob.mx/divisas',
  'http://www.sat.gob.mx/implocal',
  'http://www.sat.gob.mx/leyendasFiscales',
  'http://www.sat.gob.mx/pfic',
  'http://www.sat.gob.mx/TuristaPasajeroExtranjero',
  'http://www.sat.gob.mx/nomina12',
  'http://www.sat.gob.mx/registrofiscal',
  'http://www.sat.gob.mx/pagoenespecie',
  'http://www.sat.gob.mx/aerolineas',
  'http://www.sat.gob.mx/valesdedespensa',
  'http://www.sat.gob.mx/notariospublicos',
  'http://www.sat.gob.mx/vehiculousado',
  'http://www.sat.gob.mx/servicioparcialconstruccion',
  'http://www.sat.gob.mx/renovacionysustitucionvehiculos',
  'http://www.sat.gob.mx/certificadodestruccion',
  'http://www.sat.gob.mx/arteantiguedades',
  'http://www.sat.gob.mx/ine',
  'http://www.sat.gob.mx/iedu',
  'http://www.sat.gob.mx/ventavehiculos',
  'http://www.sat.gob.mx/detallista',
  'http://www.sat.gob.mx/EstadoDeCuentaCombustible12',
  'http://www.sat.gob.mx/ConsumoDeCombustibles11',
  'http://www.sat.gob.mx/GastosHidrocarburos10',
  'http://www.sat.gob.mx/IngresosHidrocarburos10',
  'http://www.sat.gob.mx/CartaPorte20',
  'http://www.sat.gob.mx/CartaPorte30',
  'http://www.sat.gob.mx/CartaPorte31',
  'http://www.sat.gob.mx/hidrocarburospetroliferos',
]);

export class UnsupportedComplementError extends Error {
  constructor(
    readonly element: string,
    readonly ns: string,
    why = 'su cadena original no está implementada',
  ) {
    super(`complemento no soportado: ${element} (${ns}): ${why}`);
    this.name = 'UnsupportedComplementError';
  }
}

class Out {
  s = '';
  req(v: string | undefined): void {
    this.s += v === undefined ? '|' : '|' + normalizeSpace(v);
  }
  opt(v: string | undefined): void {
    if (v !== undefined) this.s += '|' + normalizeSpace(v);
  }
}

function attr(e: XmlElement, local: string): string | undefined {
  for (const [k, v] of e.attrs) if (k === local) return v;
  return undefined;
}

function localOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

function kids(e: XmlElement, local: string, ns: string): XmlElement[] {
  return e.children.filter((c) => c.ns === ns && localOf(c.name) === local);
}

/**
 * XSLT's built-in template for an element of an unknown complement: its descendant text
 * in document order. `top` is the complement, named in a refusal.
 */
function builtinText(e: XmlElement, top: XmlElement): string {
  let s = e.text ?? '';
  for (const c of e.children) {
    if (c.ns === NS_CFDI || c.ns === NS_PAGOS20 || SAT_COMPLEMENT_NAMESPACES.has(c.ns)) {
      throw new UnsupportedComplementError(top.name, top.ns, `contiene ${c.name} (${c.ns}), un nodo al que la hoja de transformación del SAT aplica su propia plantilla`);
    }
    s += builtinText(c, top) + (c.tail ?? '');
  }
  return s;
}

function pagos20(o: Out, p: XmlElement): void {
  const N = NS_PAGOS20;
  o.req(attr(p, 'Version'));
  for (const t of kids(p, 'Totales', N)) {
    for (const a of ['TotalRetencionesIVA', 'TotalRetencionesISR', 'TotalRetencionesIEPS', 'TotalTrasladosBaseIVA16', 'TotalTrasladosImpuestoIVA16', 'TotalTrasladosBaseIVA8', 'TotalTrasladosImpuestoIVA8', 'TotalTrasladosBaseIVA0', 'TotalTrasladosImpuestoIVA0', 'TotalTrasladosBaseIVAExento']) {
      o.opt(attr(t, a));
    }
    o.req(attr(t, 'MontoTotalPagos'));
  }
  for (const pago of kids(p, 'Pago', N)) {
    o.req(attr(pago, 'FechaPago'));
    o.req(attr(pago, 'FormaDePagoP'));
    o.req(attr(pago, 'MonedaP'));
    o.opt(attr(pago, 'TipoCambioP'));
    o.req(attr(pago, 'Monto'));
    for (const a of ['NumOperacion', 'RfcEmisorCtaOrd', 'NomBancoOrdExt', 'CtaOrdenante', 'RfcEmisorCtaBen', 'CtaBeneficiario', 'TipoCadPago', 'CertPago', 'CadPago', 'SelloPago']) {
      o.opt(attr(pago, a));
    }
    for (const d of kids(pago, 'DoctoRelacionado', N)) {
      o.req(attr(d, 'IdDocumento'));
      o.opt(attr(d, 'Serie'));
      o.opt(attr(d, 'Folio'));
      o.req(attr(d, 'MonedaDR'));
      o.opt(attr(d, 'EquivalenciaDR'));
      o.req(attr(d, 'NumParcialidad'));
      o.req(attr(d, 'ImpSaldoAnt'));
      o.req(attr(d, 'ImpPagado'));
      o.req(attr(d, 'ImpSaldoInsoluto'));
      o.req(attr(d, 'ObjetoImpDR'));
      for (const idr of kids(d, 'ImpuestosDR', N)) {
        for (const rs of kids(idr, 'RetencionesDR', N)) {
          for (const r of kids(rs, 'RetencionDR', N)) {
            for (const a of ['BaseDR', 'ImpuestoDR', 'TipoFactorDR', 'TasaOCuotaDR', 'ImporteDR']) o.req(attr(r, a));
          }
        }
      }
      for (const idr of kids(d, 'ImpuestosDR', N)) {
        for (const ts of kids(idr, 'TrasladosDR', N)) {
          for (const t of kids(ts, 'TrasladoDR', N)) {
            o.req(attr(t, 'BaseDR'));
            o.req(attr(t, 'ImpuestoDR'));
            o.req(attr(t, 'TipoFactorDR'));
            o.opt(attr(t, 'TasaOCuotaDR'));
            o.opt(attr(t, 'ImporteDR'));
          }
        }
      }
    }
    for (const ip of kids(pago, 'ImpuestosP', N)) {
      for (const rs of kids(ip, 'RetencionesP', N)) {
        for (const r of kids(rs, 'RetencionP', N)) {
          o.req(attr(r, 'ImpuestoP'));
          o.req(attr(r, 'ImporteP'));
        }
      }
      for (const ts of kids(ip, 'TrasladosP', N)) {
        for (const t of kids(ts, 'TrasladoP', N)) {
          o.req(attr(t, 'BaseP'));
          o.req(attr(t, 'ImpuestoP'));
          o.req(attr(t, 'TipoFactorP'));
          o.opt(attr(t, 'TasaOCuotaP'));
          o.opt(attr(t, 'ImporteP'));
        }
      }
    }
  }
}

function complement(o: Out, e: XmlElement): void {
  if (e.ns === NS_PAGOS20 && localOf(e.name) === 'Pagos') pagos20(o, e);
  else if (e.ns === NS_TFD) return; // no template in the 4.0 stylesheet; no text
  else if (SAT_COMPLEMENT_NAMESPACES.has(e.ns) || e.ns === NS_PAGOS20) throw new UnsupportedComplementError(e.name, e.ns);
  else o.s += builtinText(e, e);
}

function concepto(o: Out, c: Concepto): void {
  o.req(c.ClaveProdServ);
  o.opt(c.NoIdentificacion);
  o.req(c.Cantidad);
  o.req(c.ClaveUnidad);
  o.opt(c.Unidad);
  o.req(c.Descripcion);
  o.req(c.ValorUnitario);
  o.req(c.Importe);
  o.opt(c.Descuento);
  o.req(c.ObjetoImp);
  if (c.Impuestos) {
    for (const t of c.Impuestos.Traslados) {
      o.req(t.Base);
      o.req(t.Impuesto);
      o.req(t.TipoFactor);
      o.opt(t.TasaOCuota);
      o.opt(t.Importe);
    }
    for (const r of c.Impuestos.Retenciones) {
      o.req(r.Base);
      o.req(r.Impuesto);
      o.req(r.TipoFactor);
      o.req(r.TasaOCuota);
      o.req(r.Importe);
    }
  }
  const t = c.ACuentaTerceros;
  if (t) {
    o.req(t.RfcACuentaTerceros);
    o.req(t.NombreACuentaTerceros);
    o.req(t.RegimenFiscalACuentaTerceros);
    o.req(t.DomicilioFiscalACuentaTerceros);
  }
  for (const a of c.InformacionAduanera ?? []) o.req(a.NumeroPedimento);
  for (const p of c.CuentaPredial ?? []) o.req(p.Numero);
  for (const x of c.ComplementoConcepto ?? []) complement(o, x);
  for (const p of c.Parte ?? []) {
    o.req(p.ClaveProdServ);
    o.opt(p.NoIdentificacion);
    o.req(p.Cantidad);
    o.opt(p.Unidad);
    o.req(p.Descripcion);
    o.opt(p.ValorUnitario);
    o.opt(p.Importe);
    for (const a of p.InformacionAduanera ?? []) o.req(a.NumeroPedimento);
  }
}

/** The cadena original of a Comprobante (UTF-8 text to sign; no trailing newline). */
export function cadenaOriginal(c: Comprobante): string {
  const o = new Out();
  o.s = '|';
  o.req(c.Version);
  o.opt(c.Serie);
  o.opt(c.Folio);
  o.req(c.Fecha);
  o.opt(c.FormaPago);
  o.req(c.NoCertificado);
  o.opt(c.CondicionesDePago);
  o.req(c.SubTotal);
  o.opt(c.Descuento);
  o.req(c.Moneda);
  o.opt(c.TipoCambio);
  o.req(c.Total);
  o.req(c.TipoDeComprobante);
  o.req(c.Exportacion);
  o.opt(c.MetodoPago);
  o.req(c.LugarExpedicion);
  o.opt(c.Confirmacion);
  const ig = c.InformacionGlobal;
  if (ig) {
    o.req(ig.Periodicidad);
    o.req(ig.Meses);
    o.req(ig.Año);
  }
  for (const r of c.CfdiRelacionados ?? []) {
    o.req(r.TipoRelacion);
    for (const u of r.CfdiRelacionado) o.req(u.UUID);
  }
  const e = c.Emisor;
  o.req(e.Rfc);
  o.req(e.Nombre);
  o.req(e.RegimenFiscal);
  o.opt(e.FacAtrAdquirente);
  const r = c.Receptor;
  o.req(r.Rfc);
  o.req(r.Nombre);
  o.req(r.DomicilioFiscalReceptor);
  o.opt(r.ResidenciaFiscal);
  o.opt(r.NumRegIdTrib);
  o.req(r.RegimenFiscalReceptor);
  o.req(r.UsoCFDI);
  for (const k of c.Conceptos) concepto(o, k);
  const i = c.Impuestos;
  if (i) {
    for (const x of i.Retenciones) {
      o.req(x.Impuesto);
      o.req(x.Importe);
    }
    o.opt(i.TotalImpuestosRetenidos);
    for (const x of i.Traslados) {
      o.req(x.Base);
      o.req(x.Impuesto);
      o.req(x.TipoFactor);
      o.opt(x.TasaOCuota);
      o.opt(x.Importe);
    }
    o.opt(i.TotalImpuestosTrasladados);
  }
  if (c.Complemento) {
    for (const x of c.Complemento.otros) complement(o, x);
  }
  return o.s + '||';
}

/** The cadena original of a TimbreFiscalDigital 1.1. */
export function cadenaTfd(t: TimbreFiscalDigital): string {
  const o = new Out();
  o.s = '|';
  o.req(t.Version);
  o.req(t.UUID);
  o.req(t.FechaTimbrado);
  o.req(t.RfcProvCertif);
  o.opt(t.Leyenda);
  o.req(t.SelloCFD);
  o.req(t.NoCertificadoSAT);
  return o.s + '||';
}
