/**
 * Reads a CFDI 4.0 (sealed or stamped) into the model. Elements are matched by
 * namespace URI and local name, so any prefix (or a default namespace) works; attribute
 * order and whitespace between elements do not matter; values are kept as written.
 * Complements other than the TFD, ComplementoConcepto and Addenda are kept as XmlElement.
 */
import type {
  CfdiRelacionados,
  Complemento,
  Comprobante,
  Concepto,
  Impuestos,
  InformacionAduanera,
  Parte,
  RetencionConcepto,
  RetencionDocumento,
  TimbreFiscalDigital,
  TrasladoConcepto,
  TrasladoDocumento,
  XmlElement,
} from '../model.ts';
import { parseXml, XmlParseError, type XNode } from './parse.ts';
import { NS_CFDI, NS_TFD } from './namespaces.ts';

export { XmlParseError };

/** The XML is well-formed but is not a CFDI 4.0 this reader understands. */
export class CfdiReadError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CfdiReadError';
  }
}

/** Attribute value by name: a linear search beats building a map for ≤ 20 attributes. */
function at(n: XNode, name: string): string | undefined {
  const a = n.attrs;
  for (let k = 0; k < a.length; k++) if (a[k][0] === name) return a[k][1];
  return undefined;
}
/** A required attribute: '' when absent (the cadena then has an empty field, as xsltproc's). */
function req(n: XNode, name: string): string {
  return at(n, name) ?? '';
}

function cfdiChildren(n: XNode, local: string): XNode[] {
  const out: XNode[] = [];
  for (const c of n.children) if (c.local === local && c.ns === NS_CFDI) out.push(c);
  return out;
}
function cfdiChild(n: XNode, local: string): XNode | undefined {
  for (const c of n.children) if (c.local === local && c.ns === NS_CFDI) return c;
  return undefined;
}
function grandChildren(n: XNode, local: string, childLocal: string): XNode[] {
  const out: XNode[] = [];
  for (const c of n.children) {
    if (c.local !== local || c.ns !== NS_CFDI) continue;
    for (const g of c.children) if (g.local === childLocal && g.ns === NS_CFDI) out.push(g);
  }
  return out;
}

/**
 * Converts a parsed node into the generic element kept for complements and addenda,
 * with all its character data where it was (whitespace too: the cadena needs it). The
 * whitespace around a top-level element (its tail) belongs to the cfdi container and is
 * not kept.
 */
export function toXmlElement(n: XNode, inner = false): XmlElement {
  // Namespace declarations written on the element are kept as attributes, so the
  // writer can give back prefixes that only this subtree declares.
  // (The element's own prefix → namespace is implied by name/ns; the writer re-declares it.)
  const own = n.name.includes(':') ? n.name.slice(0, n.name.indexOf(':')) : '';
  const attrs: Array<[string, string]> = [];
  for (const [p, u] of n.nsDecls) if (!(p === own && u === n.ns)) attrs.push([p ? `xmlns:${p}` : 'xmlns', u]);
  for (const [k, v] of n.attrs) attrs.push([k, v]);
  const children: XmlElement[] = [];
  for (const c of n.children) children.push(toXmlElement(c, true));
  const e: XmlElement = { name: n.name, ns: n.ns, attrs, children };
  if (n.text !== '' || children.length) e.text = n.text;
  if (inner && n.tail !== '') e.tail = n.tail;
  return e;
}

// Objects are built as literals with every model key (undefined when absent): one
// stable shape per type keeps the writer and the cadena builder fast.

function readTrasladoConcepto(t: XNode): TrasladoConcepto {
  return { Base: req(t, 'Base'), Impuesto: req(t, 'Impuesto'), TipoFactor: req(t, 'TipoFactor'), TasaOCuota: at(t, 'TasaOCuota'), Importe: at(t, 'Importe') };
}
function readRetencionConcepto(r: XNode): RetencionConcepto {
  return { Base: req(r, 'Base'), Impuesto: req(r, 'Impuesto'), TipoFactor: req(r, 'TipoFactor'), TasaOCuota: req(r, 'TasaOCuota'), Importe: req(r, 'Importe') };
}

function readAduanera(n: XNode): InformacionAduanera[] {
  return cfdiChildren(n, 'InformacionAduanera').map((x) => ({ NumeroPedimento: req(x, 'NumeroPedimento') }));
}

function readConcepto(n: XNode): Concepto {
  const imp = cfdiChild(n, 'Impuestos');
  const terceros = cfdiChild(n, 'ACuentaTerceros');
  const cc = cfdiChild(n, 'ComplementoConcepto');
  return {
    ClaveProdServ: req(n, 'ClaveProdServ'),
    NoIdentificacion: at(n, 'NoIdentificacion'),
    Cantidad: req(n, 'Cantidad'),
    ClaveUnidad: req(n, 'ClaveUnidad'),
    Unidad: at(n, 'Unidad'),
    Descripcion: req(n, 'Descripcion'),
    ValorUnitario: req(n, 'ValorUnitario'),
    Importe: req(n, 'Importe'),
    Descuento: at(n, 'Descuento'),
    ObjetoImp: req(n, 'ObjetoImp'),
    Impuestos: imp
      ? {
          Traslados: grandChildren(imp, 'Traslados', 'Traslado').map(readTrasladoConcepto),
          Retenciones: grandChildren(imp, 'Retenciones', 'Retencion').map(readRetencionConcepto),
        }
      : undefined,
    ACuentaTerceros: terceros
      ? {
          RfcACuentaTerceros: req(terceros, 'RfcACuentaTerceros'),
          NombreACuentaTerceros: req(terceros, 'NombreACuentaTerceros'),
          RegimenFiscalACuentaTerceros: req(terceros, 'RegimenFiscalACuentaTerceros'),
          DomicilioFiscalACuentaTerceros: req(terceros, 'DomicilioFiscalACuentaTerceros'),
        }
      : undefined,
    InformacionAduanera: readAduanera(n),
    CuentaPredial: cfdiChildren(n, 'CuentaPredial').map((x) => ({ Numero: req(x, 'Numero') })),
    ComplementoConcepto: cc ? cc.children.map((x) => toXmlElement(x)) : undefined,
    Parte: cfdiChildren(n, 'Parte').map(
      (p): Parte => ({
        ClaveProdServ: req(p, 'ClaveProdServ'),
        NoIdentificacion: at(p, 'NoIdentificacion'),
        Cantidad: req(p, 'Cantidad'),
        Unidad: at(p, 'Unidad'),
        Descripcion: req(p, 'Descripcion'),
        ValorUnitario: at(p, 'ValorUnitario'),
        Importe: at(p, 'Importe'),
        InformacionAduanera: readAduanera(p),
      }),
    ),
  };
}

function readImpuestos(n: XNode): Impuestos {
  return {
    TotalImpuestosRetenidos: at(n, 'TotalImpuestosRetenidos'),
    TotalImpuestosTrasladados: at(n, 'TotalImpuestosTrasladados'),
    Retenciones: grandChildren(n, 'Retenciones', 'Retencion').map((r): RetencionDocumento => ({ Impuesto: req(r, 'Impuesto'), Importe: req(r, 'Importe') })),
    Traslados: grandChildren(n, 'Traslados', 'Traslado').map(
      (t): TrasladoDocumento => ({ Base: req(t, 'Base'), Impuesto: req(t, 'Impuesto'), TipoFactor: req(t, 'TipoFactor'), TasaOCuota: at(t, 'TasaOCuota'), Importe: at(t, 'Importe') }),
    ),
  };
}

export function readTfd(n: XNode): TimbreFiscalDigital {
  return {
    Version: req(n, 'Version') as '1.1',
    UUID: req(n, 'UUID'),
    FechaTimbrado: req(n, 'FechaTimbrado'),
    RfcProvCertif: req(n, 'RfcProvCertif'),
    Leyenda: at(n, 'Leyenda'),
    SelloCFD: req(n, 'SelloCFD'),
    NoCertificadoSAT: req(n, 'NoCertificadoSAT'),
    SelloSAT: req(n, 'SelloSAT'),
  };
}

/** Reads the TimbreFiscalDigital of a parsed document, if any. */
export function findTfd(root: XNode): TimbreFiscalDigital | undefined {
  for (const comp of cfdiChildren(root, 'Complemento')) {
    for (const c of comp.children) if (c.local === 'TimbreFiscalDigital' && c.ns === NS_TFD) return readTfd(c);
  }
  return undefined;
}

/** Maps a parsed CFDI 4.0 root element into the model. */
export function comprobanteFromNode(root: XNode): Comprobante {
  if (root.local !== 'Comprobante' || root.ns !== NS_CFDI) {
    throw new CfdiReadError(`not a CFDI 4.0: root element is {${root.ns}}${root.local}, expected {${NS_CFDI}}Comprobante`);
  }
  const version = at(root, 'Version');
  if (version !== '4.0') throw new CfdiReadError(`not a CFDI 4.0: Version="${version ?? ''}"`);
  const emisor = cfdiChild(root, 'Emisor');
  if (!emisor) throw new CfdiReadError('cfdi:Emisor is missing');
  const receptor = cfdiChild(root, 'Receptor');
  if (!receptor) throw new CfdiReadError('cfdi:Receptor is missing');
  const conceptos = cfdiChild(root, 'Conceptos');
  if (!conceptos) throw new CfdiReadError('cfdi:Conceptos is missing');
  const ig = cfdiChild(root, 'InformacionGlobal');
  const imp = cfdiChild(root, 'Impuestos');
  const addenda = cfdiChild(root, 'Addenda');
  let complemento: Complemento | undefined;
  for (const cn of cfdiChildren(root, 'Complemento')) {
    complemento ??= { TimbreFiscalDigital: undefined, otros: [] };
    for (const x of cn.children) {
      if (x.local === 'TimbreFiscalDigital' && x.ns === NS_TFD) complemento.TimbreFiscalDigital = readTfd(x);
      else complemento.otros.push(toXmlElement(x));
    }
  }
  return {
    Version: '4.0',
    Serie: at(root, 'Serie'),
    Folio: at(root, 'Folio'),
    Fecha: req(root, 'Fecha'),
    Sello: at(root, 'Sello'),
    FormaPago: at(root, 'FormaPago'),
    NoCertificado: at(root, 'NoCertificado'),
    Certificado: at(root, 'Certificado'),
    CondicionesDePago: at(root, 'CondicionesDePago'),
    SubTotal: req(root, 'SubTotal'),
    Descuento: at(root, 'Descuento'),
    Moneda: req(root, 'Moneda'),
    TipoCambio: at(root, 'TipoCambio'),
    Total: req(root, 'Total'),
    TipoDeComprobante: req(root, 'TipoDeComprobante'),
    Exportacion: req(root, 'Exportacion'),
    MetodoPago: at(root, 'MetodoPago'),
    LugarExpedicion: req(root, 'LugarExpedicion'),
    Confirmacion: at(root, 'Confirmacion'),
    InformacionGlobal: ig ? { Periodicidad: req(ig, 'Periodicidad'), Meses: req(ig, 'Meses'), Año: req(ig, 'Año') } : undefined,
    CfdiRelacionados: cfdiChildren(root, 'CfdiRelacionados').map(
      (r): CfdiRelacionados => ({
        TipoRelacion: req(r, 'TipoRelacion'),
        CfdiRelacionado: cfdiChildren(r, 'CfdiRelacionado').map((u) => ({ UUID: req(u, 'UUID') })),
      }),
    ),
    Emisor: { Rfc: req(emisor, 'Rfc'), Nombre: req(emisor, 'Nombre'), RegimenFiscal: req(emisor, 'RegimenFiscal'), FacAtrAdquirente: at(emisor, 'FacAtrAdquirente') },
    Receptor: {
      Rfc: req(receptor, 'Rfc'),
      Nombre: req(receptor, 'Nombre'),
      DomicilioFiscalReceptor: req(receptor, 'DomicilioFiscalReceptor'),
      ResidenciaFiscal: at(receptor, 'ResidenciaFiscal'),
      NumRegIdTrib: at(receptor, 'NumRegIdTrib'),
      RegimenFiscalReceptor: req(receptor, 'RegimenFiscalReceptor'),
      UsoCFDI: req(receptor, 'UsoCFDI'),
    },
    Conceptos: cfdiChildren(conceptos, 'Concepto').map(readConcepto),
    Impuestos: imp ? readImpuestos(imp) : undefined,
    Complemento: complemento,
    Addenda: addenda ? addenda.children.map((x) => toXmlElement(x)) : undefined,
  };
}

/**
 * Parses CFDI 4.0 XML text. Throws XmlParseError when the text is not well-formed XML
 * and CfdiReadError when it is XML but not a CFDI 4.0 Comprobante.
 */
export function readComprobante(xml: string): Comprobante {
  return comprobanteFromNode(parseXml(xml));
}
