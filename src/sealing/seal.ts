/**
 * Sealing: NoCertificado, Certificado and Sello = base64(RSA-SHA256(PKCS#1 v1.5) over
 * the UTF-8 cadena original). NoCertificado is set before the cadena is built because
 * the cadena contains it.
 */
import { sign, verify, X509Certificate } from 'node:crypto';
import { cadenaOriginal } from '../cfdi/cadena.ts';
import type { Comprobante } from '../cfdi/model.ts';
import type { Csd } from './csd.ts';

export function sealComprobante(c: Comprobante, csd: Csd): Comprobante {
  const out: Comprobante = { ...c, NoCertificado: csd.noCertificado, Certificado: csd.certificadoBase64 };
  out.Sello = sign('sha256', Buffer.from(cadenaOriginal(out), 'utf8'), csd.privateKey).toString('base64');
  return out;
}

/** Verifies a Sello against the Certificado embedded in the Comprobante. */
export function verifySello(c: Comprobante): boolean {
  if (!c.Sello || !c.Certificado) return false;
  try {
    const cert = new X509Certificate(Buffer.from(c.Certificado, 'base64'));
    return verify('sha256', Buffer.from(cadenaOriginal(c), 'utf8'), cert.publicKey, Buffer.from(c.Sello, 'base64'));
  } catch {
    return false;
  }
}
