/**
 * Subject and body of the e-mail. Record 09 (or `envio`) may give them as literal text;
 * otherwise the empresa's templates, or ours, are filled with the CFDI's data:
 * `{{serieFolio}}`, `{{serie}}`, `{{folio}}`, `{{uuid}}`, `{{total}}`, `{{moneda}}`,
 * `{{fecha}}`, `{{emisor}}`, `{{rfcEmisor}}`, `{{receptor}}`, `{{rfcReceptor}}`.
 * An unknown placeholder is refused when the template is saved, never at sending time.
 */
import type { CfdiRecord, Empresa } from '../../storage/store.ts';

export const VARIABLES = ['serieFolio', 'serie', 'folio', 'uuid', 'total', 'moneda', 'fecha', 'emisor', 'rfcEmisor', 'receptor', 'rfcReceptor'] as const;
export type Variable = (typeof VARIABLES)[number];

export const DEFAULT_SUBJECT = 'CFDI {{serieFolio}} de {{emisor}}';
export const DEFAULT_BODY = [
  'Estimado cliente {{receptor}}:',
  '',
  'Le enviamos el comprobante fiscal digital {{serieFolio}} emitido por {{emisor}} ({{rfcEmisor}}) el {{fecha}}, por un total de {{total}} {{moneda}}.',
  '',
  'Folio fiscal (UUID): {{uuid}}',
  '',
  'Este mensaje se generó automáticamente; por favor no lo responda si no tiene una dirección de respuesta.',
].join('\n');

const PLACEHOLDER = /\{\{\s*([A-Za-z]+)\s*\}\}/g;

/** Throws with the unknown placeholders of a template. */
export function checkTemplate(t: string, what: string): void {
  const unknown = [...t.matchAll(PLACEHOLDER)].map((m) => m[1]).filter((v) => !(VARIABLES as readonly string[]).includes(v));
  if (unknown.length) throw new Error(`${what}: unknown placeholder(s) ${unknown.map((u) => `{{${u}}}`).join(', ')} (known: ${VARIABLES.map((v) => `{{${v}}}`).join(', ')})`);
}

export function variables(c: CfdiRecord, empresa: Empresa): Record<Variable, string> {
  const serieFolio = c.folio ? `${c.serie ? `${c.serie}-` : ''}${c.folio}` : c.uuid;
  return {
    serieFolio,
    serie: c.serie ?? '',
    folio: c.folio ?? '',
    uuid: c.uuid,
    total: c.total,
    moneda: c.moneda,
    fecha: c.fecha.replace('T', ' '),
    emisor: empresa.nombre,
    rfcEmisor: empresa.rfc,
    receptor: c.nombreReceptor,
    rfcReceptor: c.rfcReceptor,
  };
}

export function render(t: string, vars: Record<Variable, string>): string {
  return t.replace(PLACEHOLDER, (whole, name: string) => ((VARIABLES as readonly string[]).includes(name) ? vars[name as Variable] : whole));
}

/** A subject is one line: line breaks (a header injection attempt or a sloppy client) become spaces. */
export function oneLine(s: string): string {
  return s.replace(/[\r\n\t\v\f\u0085\u2028\u2029]+/g, ' ').trim();
}
