/**
 * Writes a Comprobante as CFDI 4.0 XML: UTF-8 declaration, `cfdi` prefix, the schema
 * locations of every known namespace present, children in the schema's fixed order,
 * attributes in the schema's order. Values are written exactly as held in the model
 * (the cadena original takes them as written), escaped so that a parser gives them back
 * unchanged: TAB/LF/CR in attributes become character references, because a literal one
 * would be turned into a space by attribute-value normalisation.
 */
import type {
  Comprobante,
  Concepto,
  Impuestos,
  InformacionAduanera,
  TimbreFiscalDigital,
  XmlElement,
} from '../model.ts';
import { NS_CFDI, NS_TFD, NS_XSI, SCHEMA_LOCATIONS, XSD_CFDI } from './namespaces.ts';
import { hexCodePoint } from './chars.ts';

// Characters XML 1.0 cannot carry at all (C0 controls other than TAB/LF/CR, U+FFFE/U+FFFF,
// unpaired surrogates) are in the same classes so the fast path stays one test.
const INVALID = '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF\\uD800-\\uDFFF';
const ATTR_SPECIAL = new RegExp(`[&<>"\\t\\n\\r${INVALID}]`);
const ATTR_SPECIAL_G = new RegExp(`[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[&<>"\\t\\n\\r${INVALID}]`, 'g');
const TEXT_SPECIAL = new RegExp(`[&<>\\r${INVALID}]`);
const TEXT_SPECIAL_G = new RegExp(`[\\uD800-\\uDBFF][\\uDC00-\\uDFFF]|[&<>\\r${INVALID}]`, 'g');

/**
 * A value holds a character that XML 1.0 cannot represent (e.g. a control character).
 * The pipeline refuses such values before a folio is assigned (chars.ts); should one
 * still reach the writer, retrying cannot help, so the worker does not retry it.
 */
export class XmlCharacterError extends Error {
  readonly retryable = false;
  constructor(readonly codePoint: number) {
    super(`${hexCodePoint(codePoint)} cannot be written in XML 1.0`);
    this.name = 'XmlCharacterError';
  }
}

function escapeChar(c: string): string {
  const e = ESC[c];
  if (e !== undefined) return e;
  if (c.length === 2) return c; // a well-formed surrogate pair (emoji, etc.)
  throw new XmlCharacterError(c.charCodeAt(0));
}
const ESC: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

/** Escapes an attribute value; throws XmlCharacterError on a character XML cannot carry. */
export function escapeAttr(v: string): string {
  return ATTR_SPECIAL.test(v) ? v.replace(ATTR_SPECIAL_G, escapeChar) : v;
}
/** Escapes character data; throws XmlCharacterError on a character XML cannot carry. */
export function escapeText(v: string): string {
  return TEXT_SPECIAL.test(v) ? v.replace(TEXT_SPECIAL_G, escapeChar) : v;
}

/** ` Name="value"` for each present attribute, in the given order. */
function attrs(o: object, names: readonly string[]): string {
  const r = o as Record<string, string | undefined>;
  let s = '';
  for (const n of names) {
    const v = r[n];
    if (v !== undefined) s += ` ${n}="${escapeAttr(v)}"`;
  }
  return s;
}

const A_COMPROBANTE = ['Version', 'Serie', 'Folio', 'Fecha', 'Sello', 'FormaPago', 'NoCertificado', 'Certificado', 'CondicionesDePago', 'SubTotal', 'Descuento', 'Moneda', 'TipoCambio', 'Total', 'TipoDeComprobante', 'Exportacion', 'MetodoPago', 'LugarExpedicion', 'Confirmacion'] as const;
const A_INFO_GLOBAL = ['Periodicidad', 'Meses', 'Año'] as const;
const A_EMISOR = ['Rfc', 'Nombre', 'RegimenFiscal', 'FacAtrAdquirente'] as const;
const A_RECEPTOR = ['Rfc', 'Nombre', 'DomicilioFiscalReceptor', 'ResidenciaFiscal', 'NumRegIdTrib', 'RegimenFiscalReceptor', 'UsoCFDI'] as const;
const A_CONCEPTO = ['ClaveProdServ', 'NoIdentificacion', 'Cantidad', 'ClaveUnidad', 'Unidad', 'Descripcion', 'ValorUnitario', 'Importe', 'Descuento', 'ObjetoImp'] as const;
const A_TRASLADO = ['Base', 'Impuesto', 'TipoFactor', 'TasaOCuota', 'Importe'] as const;
const A_RETENCION_DOC = ['Impuesto', 'Importe'] as const;
const A_TERCEROS = ['RfcACuentaTerceros', 'NombreACuentaTerceros', 'RegimenFiscalACuentaTerceros', 'DomicilioFiscalACuentaTerceros'] as const;
const A_PARTE = ['ClaveProdServ', 'NoIdentificacion', 'Cantidad', 'Unidad', 'Descripcion', 'ValorUnitario', 'Importe'] as const;
const A_IMPUESTOS = ['TotalImpuestosRetenidos', 'TotalImpuestosTrasladados'] as const;
export const A_TFD = ['Version', 'UUID', 'FechaTimbrado', 'RfcProvCertif', 'Leyenda', 'SelloCFD', 'NoCertificadoSAT', 'SelloSAT'] as const;

function prefixOf(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? '' : name.slice(0, i);
}

type Scope = ReadonlyMap<string, string>;

/**
 * Writes a generic element, declaring its namespace where it is not in scope. `indent`
 * undefined writes it inline (inside content given back exactly).
 */
export function writeXmlElement(e: XmlElement, scope: Scope, indent: string | undefined): string {
  const p = prefixOf(e.name);
  let inner = scope;
  // Declarations carried as attributes (as read) come into scope first.
  for (const [k, v] of e.attrs) {
    if (k === 'xmlns' || k.startsWith('xmlns:')) {
      if (inner === scope) inner = new Map(scope);
      (inner as Map<string, string>).set(k === 'xmlns' ? '' : k.slice(6), v);
    }
  }
  let decl = '';
  if (inner.get(p) !== e.ns) {
    decl = p ? ` xmlns:${p}="${escapeAttr(e.ns)}"` : ` xmlns="${escapeAttr(e.ns)}"`;
    inner = new Map(inner).set(p, e.ns);
  }
  let s = `${indent ?? ''}<${e.name}${decl}`;
  for (const [k, v] of e.attrs) {
    const ap = prefixOf(k);
    if (ap && ap !== 'xml' && ap !== 'xmlns' && !inner.has(ap)) throw new Error(`attribute ${k} of ${e.name} uses an undeclared namespace prefix`);
    s += ` ${k}="${escapeAttr(v)}"`;
  }
  if (e.children.length === 0 && !e.text) return `${s}/>${indent === undefined ? '' : '\n'}`;
  if (e.children.length === 0) return `${s}>${escapeText(e.text as string)}</${e.name}>${indent === undefined ? '' : '\n'}`;
  if (indent === undefined || e.text !== undefined) {
    // Content as read: exactly its text and tails, nothing added (see XmlElement.text).
    s += `>${escapeText(e.text ?? '')}`;
    for (const c of e.children) s += writeXmlElement(c, inner, undefined) + escapeText(c.tail ?? '');
    return `${s}</${e.name}>${indent === undefined ? '' : '\n'}`;
  }
  // Built by code (element-only content): one child per line.
  s += '>\n';
  for (const c of e.children) s += writeXmlElement(c, inner, indent + '  ');
  return `${s}${indent}</${e.name}>\n`;
}

function writeAduanera(list: InformacionAduanera[], indent: string): string {
  let s = '';
  for (const a of list) s += `${indent}<cfdi:InformacionAduanera${attrs(a, ['NumeroPedimento'])}/>\n`;
  return s;
}

function writeConcepto(c: Concepto, scope: Scope): string {
  const head = `    <cfdi:Concepto${attrs(c, A_CONCEPTO)}`;
  let body = '';
  const imp = c.Impuestos;
  if (imp && (imp.Traslados.length || imp.Retenciones.length)) {
    body += '      <cfdi:Impuestos>\n';
    if (imp.Traslados.length) {
      body += '        <cfdi:Traslados>\n';
      for (const t of imp.Traslados) body += `          <cfdi:Traslado${attrs(t, A_TRASLADO)}/>\n`;
      body += '        </cfdi:Traslados>\n';
    }
    if (imp.Retenciones.length) {
      body += '        <cfdi:Retenciones>\n';
      for (const r of imp.Retenciones) body += `          <cfdi:Retencion${attrs(r, A_TRASLADO)}/>\n`;
      body += '        </cfdi:Retenciones>\n';
    }
    body += '      </cfdi:Impuestos>\n';
  }
  if (c.ACuentaTerceros) body += `      <cfdi:ACuentaTerceros${attrs(c.ACuentaTerceros, A_TERCEROS)}/>\n`;
  body += writeAduanera(c.InformacionAduanera ?? [], '      ');
  for (const p of c.CuentaPredial ?? []) body += `      <cfdi:CuentaPredial${attrs(p, ['Numero'])}/>\n`;
  if (c.ComplementoConcepto && c.ComplementoConcepto.length) {
    body += '      <cfdi:ComplementoConcepto>\n';
    for (const x of c.ComplementoConcepto) body += writeXmlElement(x, scope, '        ');
    body += '      </cfdi:ComplementoConcepto>\n';
  }
  for (const p of c.Parte ?? []) {
    const pa = p.InformacionAduanera ?? [];
    if (pa.length) body += `      <cfdi:Parte${attrs(p, A_PARTE)}>\n${writeAduanera(pa, '        ')}      </cfdi:Parte>\n`;
    else body += `      <cfdi:Parte${attrs(p, A_PARTE)}/>\n`;
  }
  return body ? `${head}>\n${body}    </cfdi:Concepto>\n` : `${head}/>\n`;
}

function writeImpuestos(i: Impuestos): string {
  let s = `  <cfdi:Impuestos${attrs(i, A_IMPUESTOS)}`;
  if (!i.Retenciones.length && !i.Traslados.length) return `${s}/>\n`;
  s += '>\n';
  if (i.Retenciones.length) {
    s += '    <cfdi:Retenciones>\n';
    for (const r of i.Retenciones) s += `      <cfdi:Retencion${attrs(r, A_RETENCION_DOC)}/>\n`;
    s += '    </cfdi:Retenciones>\n';
  }
  if (i.Traslados.length) {
    s += '    <cfdi:Traslados>\n';
    for (const t of i.Traslados) s += `      <cfdi:Traslado${attrs(t, A_TRASLADO)}/>\n`;
    s += '    </cfdi:Traslados>\n';
  }
  return `${s}  </cfdi:Impuestos>\n`;
}

/** The TFD element as a PAC writes it (namespace and schema location on the element). */
export function writeTfdElement(t: TimbreFiscalDigital, standalone: boolean): string {
  const ns = standalone
    ? ` xmlns:tfd="${NS_TFD}" xmlns:xsi="${NS_XSI}" xsi:schemaLocation="${NS_TFD} ${SCHEMA_LOCATIONS[NS_TFD]}"`
    : '';
  return `<tfd:TimbreFiscalDigital${ns}${attrs(t, A_TFD)}/>`;
}

export function writeComprobante(c: Comprobante): string {
  const scope = new Map<string, string>([
    ['cfdi', NS_CFDI],
    ['xsi', NS_XSI],
    ['xml', 'http://www.w3.org/XML/1998/namespace'],
  ]);
  let decls = ` xmlns:cfdi="${NS_CFDI}" xmlns:xsi="${NS_XSI}"`;
  let locations = `${NS_CFDI} ${XSD_CFDI}`;
  const otros = c.Complemento?.otros ?? [];
  for (const o of otros) {
    const loc = SCHEMA_LOCATIONS[o.ns];
    const p = prefixOf(o.name);
    if (loc && p && !scope.has(p)) {
      scope.set(p, o.ns);
      decls += ` xmlns:${p}="${o.ns}"`;
      locations += ` ${o.ns} ${loc}`;
    }
  }
  const tfd = c.Complemento?.TimbreFiscalDigital;
  if (tfd && scope.get('tfd') !== NS_TFD) {
    scope.set('tfd', NS_TFD);
    decls += ` xmlns:tfd="${NS_TFD}"`;
    locations += ` ${NS_TFD} ${SCHEMA_LOCATIONS[NS_TFD]}`;
  }

  let s = `<?xml version="1.0" encoding="UTF-8"?>\n<cfdi:Comprobante${decls} xsi:schemaLocation="${locations}"${attrs(c, A_COMPROBANTE)}>\n`;
  if (c.InformacionGlobal) s += `  <cfdi:InformacionGlobal${attrs(c.InformacionGlobal, A_INFO_GLOBAL)}/>\n`;
  for (const r of c.CfdiRelacionados ?? []) {
    s += `  <cfdi:CfdiRelacionados${attrs(r, ['TipoRelacion'])}>\n`;
    for (const u of r.CfdiRelacionado) s += `    <cfdi:CfdiRelacionado${attrs(u, ['UUID'])}/>\n`;
    s += '  </cfdi:CfdiRelacionados>\n';
  }
  s += `  <cfdi:Emisor${attrs(c.Emisor, A_EMISOR)}/>\n`;
  s += `  <cfdi:Receptor${attrs(c.Receptor, A_RECEPTOR)}/>\n`;
  s += '  <cfdi:Conceptos>\n';
  for (const k of c.Conceptos) s += writeConcepto(k, scope);
  s += '  </cfdi:Conceptos>\n';
  if (c.Impuestos) s += writeImpuestos(c.Impuestos);
  if (otros.length || tfd) {
    s += '  <cfdi:Complemento>\n';
    for (const o of otros) s += writeXmlElement(o, scope, '    ');
    if (tfd) s += `    ${writeTfdElement(tfd, false)}\n`;
    s += '  </cfdi:Complemento>\n';
  }
  if (c.Addenda && c.Addenda.length) {
    s += '  <cfdi:Addenda>\n';
    for (const a of c.Addenda) s += writeXmlElement(a, scope, '    ');
    s += '  </cfdi:Addenda>\n';
  }
  return `${s}</cfdi:Comprobante>\n`;
}
