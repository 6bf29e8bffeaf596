/**
 * What a PAC's answer code means for the request, as data: one table per PAC
 * (`<pac>/errores.ts`), each row tested against that PAC's double. Three classes:
 * - `permanente`: the PAC refused this CFDI; the request ends with 400 and the PAC's own
 *   code and text (sending the same bytes again would be refused again);
 * - `reintentable`: nothing is known to be stamped (or the PAC cannot say yet); the
 *   request stays EN_PROCESO and the worker sends the SAME sealed bytes again later;
 * - `timbre-previo`: these bytes were stamped before; the earlier stamp is recovered.
 */
import { StampError, type StampResult } from './stamper.ts';
import { parseXml, type XNode } from '../cfdi/xml/parse.ts';
import { findTfd } from '../cfdi/xml/read.ts';
import { NS_CFDI } from '../cfdi/xml/namespaces.ts';

export type Clase = 'permanente' | 'reintentable' | 'timbre-previo';

export interface ReglaPac {
  /** The PAC's code as it sends it (`302`, `CFDI3307`). */
  codigo: string;
  clase: Clase;
  /** Why, for operators (docs/pacs.md). */
  nota: string;
}

export interface TablaPac {
  pac: string;
  filas: readonly ReglaPac[];
  /** Families of codes not listed one by one (the SAT matrix: CFDI40xxx…). */
  familias: readonly { patron: RegExp; clase: Clase; nota: string }[];
  /** A code nobody listed: the PAC may have stamped nothing or something; retry the same bytes. */
  desconocido: Clase;
}

/**
 * The incidences every PAC shares (the PACs' common table, ../shared/docs/pac-protocols.md
 * §1.5 and §2.3): refusals of this CFDI, in the order both tables list them.
 */
export const INCIDENCIAS_COMUNES: readonly ReglaPac[] = [
  { codigo: '301', clase: 'permanente', nota: 'XML mal formado.' },
  { codigo: '302', clase: 'permanente', nota: 'Sello mal formado o inválido.' },
  { codigo: '303', clase: 'permanente', nota: 'Sello no corresponde al emisor.' },
  { codigo: '304', clase: 'permanente', nota: 'Certificado revocado o caduco.' },
  { codigo: '305', clase: 'permanente', nota: 'Fecha de emisión fuera de la vigencia del CSD.' },
  { codigo: '306', clase: 'permanente', nota: 'El certificado no es un CSD.' },
  { codigo: '308', clase: 'permanente', nota: 'Certificado no expedido por el SAT.' },
  { codigo: '401', clase: 'permanente', nota: 'Fecha fuera de las 72 horas: el mismo XML nunca podrá timbrarse.' },
  { codigo: '402', clase: 'permanente', nota: 'El RFC del emisor no está en la LCO.' },
  { codigo: '403', clase: 'permanente', nota: 'Fecha de emisión anterior a 2012.' },
];

/** The SAT's own matrices, whichever PAC relays them. */
export const FAMILIAS_SAT: TablaPac['familias'] = [
  { patron: /^CFDI\d{5}$/, clase: 'permanente', nota: 'Una regla de la matriz de errores del SAT (CFDI40xxx): el documento no es válido.' },
  { patron: /^CRP\d{5}$/, clase: 'permanente', nota: 'Una regla del complemento de pagos.' },
];

export function clasificar(t: TablaPac, codigo: string): Clase {
  const fila = t.filas.find((f) => f.codigo === codigo);
  if (fila) return fila.clase;
  for (const f of t.familias) if (f.patron.test(codigo)) return f.clase;
  return t.desconocido;
}

/** The PAC's own code and text, as the client sees them: `Error 302\nSello mal formado o inválido. :…`. */
export function errorDelPac(t: TablaPac, codigo: string, texto: string): StampError {
  const clase = clasificar(t, codigo);
  // formatGenerationError appends ". :"; the PAC's own final period would double it.
  const limpio = texto.trim().replace(/\.+$/, '') || `Código ${codigo} de ${t.pac}`;
  return new StampError(codigo, limpio, clase !== 'permanente');
}

/** No usable answer (timeout, reset, 5xx, unknown shape): retried with the same bytes. */
export function sinRespuesta(pac: string, detalle: string): StampError {
  return new StampError('PAC_NO_DISPONIBLE', `${pac}: ${detalle}`, true);
}

/** The Sello of our sealed XML, to check that what a PAC returns is our document. */
export function selloDe(sealedXml: string): string | undefined {
  const root = parseXml(sealedXml);
  return root.attrs.find(([k]) => k === 'Sello')?.[1];
}

/**
 * A stamped CFDI returned by a PAC as a StampResult. The TFD must seal our Sello, unless
 * `otroSello` (SW's CFDI3307: the customid's first stamp, which is the one that counts).
 */
export function resultadoDe(pac: string, xml: string, sealedXml: string, produccion: boolean, otroSello = false): StampResult {
  let root: XNode;
  try {
    root = parseXml(xml);
  } catch (e) {
    throw sinRespuesta(pac, `el CFDI devuelto no es XML: ${(e as Error).message}`);
  }
  if (root.ns !== NS_CFDI || root.local !== 'Comprobante') throw sinRespuesta(pac, 'lo devuelto no es un CFDI 4.0');
  const tfd = findTfd(root);
  if (!tfd) throw sinRespuesta(pac, 'el CFDI devuelto no tiene TimbreFiscalDigital');
  if (!otroSello && tfd.SelloCFD !== selloDe(sealedXml)) throw sinRespuesta(pac, `el timbre ${tfd.UUID} no corresponde al XML sellado enviado`);
  return { xml, tfd, produccion };
}
