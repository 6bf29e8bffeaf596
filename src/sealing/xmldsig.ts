/**
 * Enveloped XML-DSig with a CSD, as the SAT's cancellation service wants it (the same
 * shape as the SAT's and the PACs' samples): inclusive C14N 1.0, RSA-SHA1, one
 * Reference URI="" with the enveloped-signature transform, SHA-1 digest, and KeyInfo
 * with X509IssuerSerial and X509Certificate. SHA-1 is the SAT's choice for this
 * service, not ours.
 *
 * No general canonicalizer: the documents we sign (`Cancelacion`, the test PAC's
 * `Acuse`) are written already in canonical form (no declaration, no whitespace
 * between elements, attributes in C14N order, no empty-element tags), so the text is
 * its own canonical form and the digest is over the bytes we send. The one C14N subtlety
 * left is SignedInfo, which inherits the root's prefixed namespace declarations.
 */
import { createHash, createPublicKey, sign, verify, X509Certificate, type KeyObject } from 'node:crypto';

export const NS_DSIG = 'http://www.w3.org/2000/09/xmldsig#';
const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
const RSA_SHA1 = 'http://www.w3.org/2000/09/xmldsig#rsa-sha1';
const SHA1 = 'http://www.w3.org/2000/09/xmldsig#sha1';
const ENVELOPED = 'http://www.w3.org/2000/09/xmldsig#enveloped-signature';

export interface Firmante {
  /** DER certificate (the CSD's `.cer`). */
  cer: Buffer;
  privateKey: KeyObject;
}

/** C14N attribute-value escaping (& < " and the three whitespace characters). */
export function c14nAttr(v: string): string {
  return v.replace(/[&<"\t\n\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '"': '&quot;', '\t': '&#x9;', '\n': '&#xA;', '\r': '&#xD;' })[c]!);
}

/** C14N text escaping (& < > and CR). */
export function c14nText(v: string): string {
  return v.replace(/[&<>\r]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#xD;' })[c]!);
}

/** `xmlns:p="…"` declarations of the root start tag, in C14N order (by prefix). */
function prefixedNamespaces(doc: string): string {
  const start = doc.slice(0, doc.indexOf('>'));
  const decls = [...start.matchAll(/\sxmlns:([A-Za-z_][\w.-]*)="([^"]*)"/g)].map((m) => [m[1], m[2]] as const);
  decls.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return decls.map(([p, u]) => ` xmlns:${p}="${u}"`).join('');
}

function signedInfo(digest: string): string {
  return `<SignedInfo><CanonicalizationMethod Algorithm="${C14N}"></CanonicalizationMethod><SignatureMethod Algorithm="${RSA_SHA1}"></SignatureMethod>`
    + `<Reference URI=""><Transforms><Transform Algorithm="${ENVELOPED}"></Transform></Transforms><DigestMethod Algorithm="${SHA1}"></DigestMethod>`
    + `<DigestValue>${digest}</DigestValue></Reference></SignedInfo>`;
}

/** SignedInfo as C14N renders it on its own: with the default and the inherited namespaces. */
function canonicalSignedInfo(si: string, doc: string): string {
  return `<SignedInfo xmlns="${NS_DSIG}"${prefixedNamespaces(doc)}` + si.slice('<SignedInfo'.length);
}

/** RFC 2253 form of the issuer (last RDN first), what X509IssuerName carries. */
function issuerName(x: X509Certificate): string {
  const esc = (s: string) => s.replace(/([,+"\\<>;])/g, '\\$1').replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
  return x.issuer.split('\n').filter(Boolean).reverse().map((rdn) => {
    const eq = rdn.indexOf('=');
    return `${rdn.slice(0, eq)}=${esc(rdn.slice(eq + 1))}`;
  }).join(',');
}

/**
 * Signs a document written in canonical form: the Signature goes last inside the root.
 * Returns the signed document, still in canonical form (prefix it with an XML
 * declaration if the receiver wants one: C14N drops it).
 */
export function firmarEnveloped(doc: string, f: Firmante): string {
  const close = doc.lastIndexOf('</');
  if (close < 0 || !doc.startsWith('<') || doc.startsWith('<?')) throw new Error('firmarEnveloped: expected a canonical document element');
  const digest = createHash('sha1').update(doc, 'utf8').digest('base64');
  const si = signedInfo(digest);
  const value = sign('sha1', Buffer.from(canonicalSignedInfo(si, doc), 'utf8'), f.privateKey).toString('base64');
  const x = new X509Certificate(f.cer);
  const serial = BigInt(`0x${x.serialNumber}`).toString(10);
  const keyInfo = `<KeyInfo><X509Data><X509IssuerSerial><X509IssuerName>${c14nText(issuerName(x))}</X509IssuerName>`
    + `<X509SerialNumber>${serial}</X509SerialNumber></X509IssuerSerial>`
    + `<X509Certificate>${f.cer.toString('base64')}</X509Certificate></X509Data></KeyInfo>`;
  const signature = `<Signature xmlns="${NS_DSIG}">${si}<SignatureValue>${value}</SignatureValue>${keyInfo}</Signature>`;
  return doc.slice(0, close) + signature + doc.slice(close);
}

export type Verificacion = { ok: true; cer: Buffer } | { ok: false; motivo: string };

/**
 * Verifies what `firmarEnveloped` produces (the test PAC checks requests with it; the
 * tests check both sides with xmlsec1 too). Accepts only documents in canonical form,
 * optionally after an XML declaration, which is what our signer sends.
 */
export function verificarEnveloped(xml: string): Verificacion {
  const doc = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const open = `<Signature xmlns="${NS_DSIG}">`;
  const at = doc.lastIndexOf(open);
  const end = doc.indexOf('</Signature>', at);
  if (at < 0 || end < 0) return { ok: false, motivo: 'el documento no tiene firma (Signature)' };
  const signature = doc.slice(at, end + '</Signature>'.length);
  const unsigned = doc.slice(0, at) + doc.slice(end + '</Signature>'.length);
  const si = /<SignedInfo>[\s\S]*?<\/SignedInfo>/.exec(signature)?.[0];
  const digest = /<DigestValue>([^<]*)<\/DigestValue>/.exec(signature)?.[1];
  const value = /<SignatureValue>([^<]*)<\/SignatureValue>/.exec(signature)?.[1];
  const cer = /<X509Certificate>([^<]*)<\/X509Certificate>/.exec(signature)?.[1];
  if (!si || !digest || !value || !cer) return { ok: false, motivo: 'firma incompleta' };
  if (si !== signedInfo(digest)) return { ok: false, motivo: 'SignedInfo con algoritmos no admitidos' };
  if (createHash('sha1').update(unsigned, 'utf8').digest('base64') !== digest) return { ok: false, motivo: 'el digest no corresponde al documento' };
  const der = Buffer.from(cer, 'base64');
  let key: KeyObject;
  try {
    key = createPublicKey(new X509Certificate(der).publicKey.export({ type: 'spki', format: 'pem' }));
  } catch {
    return { ok: false, motivo: 'X509Certificate no es un certificado válido' };
  }
  const ok = verify('sha1', Buffer.from(canonicalSignedInfo(si, unsigned), 'utf8'), key, Buffer.from(value, 'base64'));
  return ok ? { ok: true, cer: der } : { ok: false, motivo: 'la firma no corresponde al certificado' };
}
