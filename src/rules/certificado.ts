/**
 * Reading the CSD embedded in a Comprobante (Certificado, base64 DER) and verifying a
 * Sello with it. Pure and synchronous (node:crypto); the last parse is memoised because
 * CFDI40102, CFDI40106 and CFDI40138 all read the same certificate.
 */
import { X509Certificate, createVerify, type KeyObject } from 'node:crypto';

export interface CertificadoInfo {
  /** The 20-digit number: the hex serial decoded as ASCII, as the SAT assigns it. */
  noCertificado: string;
  /** First RFC of x500UniqueIdentifier (`EKU9003173C9 / VADA800927DJ3` → the emisor's). */
  rfc?: string;
  /** Subject name (CN or O). */
  nombre?: string;
  validFrom: string;
  validTo: string;
  publicKey: KeyObject;
}

let last: { b64: string; result: CertificadoInfo | { error: string } } | undefined;

export function parseCertificado(b64: string): CertificadoInfo | { error: string } {
  if (last?.b64 === b64) return last.result;
  const result = parse(b64);
  last = { b64, result };
  return result;
}

function parse(b64: string): CertificadoInfo | { error: string } {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64)) return { error: 'no está en base64' };
  let x: X509Certificate;
  try {
    x = new X509Certificate(Buffer.from(b64, 'base64'));
  } catch (e) {
    // Spanish: it reaches the client inside CFDI40102's reason (GET `advertencias`).
    return { error: `no es un certificado X.509 en DER (${(e as Error).message})` };
  }
  const subject = new Map<string, string>();
  for (const line of x.subject.split('\n')) {
    const i = line.indexOf('=');
    // Node escapes RFC 4514 specials (`PASE\, SERVICIOS…`): unescape them.
    if (i > 0 && !subject.has(line.slice(0, i))) subject.set(line.slice(0, i), line.slice(i + 1).replace(/\\(.)/g, '$1'));
  }
  const hex = x.serialNumber.length % 2 ? `0${x.serialNumber}` : x.serialNumber;
  const noCertificado = Buffer.from(hex, 'hex').toString('latin1');
  const rfc = subject.get('x500UniqueIdentifier')?.split('/')[0].trim() || undefined;
  return {
    noCertificado,
    rfc,
    nombre: subject.get('CN') ?? subject.get('O'),
    validFrom: new Date(x.validFrom).toISOString(),
    validTo: new Date(x.validTo).toISOString(),
    publicKey: x.publicKey,
  };
}

/** RSA-SHA256 (PKCS#1 v1.5) verification of a base64 Sello over the cadena's UTF-8 bytes. */
export function cadenaVerifies(cadena: string, selloB64: string, cert: CertificadoInfo): boolean {
  try {
    const v = createVerify('RSA-SHA256');
    v.update(Buffer.from(cadena, 'utf8'));
    return v.verify(cert.publicKey, Buffer.from(selloB64, 'base64'));
  } catch {
    return false;
  }
}
