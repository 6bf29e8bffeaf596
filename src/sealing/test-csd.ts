/**
 * SAT-shaped test certificates, generated locally (no fiscal validity): a fresh clone
 * needs a CSD for the demo tenant and for tests, and we never ship key material.
 *
 * Shape copied from the SAT test CSDs (see `certificate.ts`): subject CN/name/O = the
 * holder name, x500UniqueIdentifier = RFC, serialNumber = CURP placeholder, OU =
 * branch (CSD only); serial = ASCII digits of the 20-digit certificate number; key
 * usage digitalSignature+nonRepudiation (a FIEL adds dataEncipherment+keyAgreement and
 * the emailProtection/clientAuth extended usages). The `.key` is PKCS#8
 * EncryptedPrivateKeyInfo DER (PBES2, DES-EDE3-CBC) like the SAT's.
 */
import { generateKeyPair, sign, type KeyObject } from 'node:crypto';
import { promisify } from 'node:util';
import { OID } from './certificate.ts';
import { bool, explicit, integer, namedBits, nul, octets, oid, printable, seq, set, time, utf8, bitString } from './der.ts';

const generateKeyPairAsync = promisify(generateKeyPair);

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';

function attr(o: string, value: string): Buffer {
  // PrintableString when the value allows it (as the SAT does), UTF8String otherwise (Ñ, accents).
  const v = /^[A-Za-z0-9 '()+,\-./:=?]*$/.test(value) ? printable(value) : utf8(value);
  return set(seq(oid(o), v));
}

export function encodeName(attrs: Array<[string, string]>): Buffer {
  return seq(...attrs.map(([o, v]) => attr(o, v)));
}

function extension(o: string, critical: boolean, value: Buffer): Buffer {
  return critical ? seq(oid(o), bool(true), octets(value)) : seq(oid(o), octets(value));
}

export interface CertificateSpec {
  serial: string;
  subject: Array<[string, string]>;
  issuer: Array<[string, string]>;
  validFrom: Date;
  validTo: Date;
  publicKey: KeyObject;
  signingKey: KeyObject;
  fiel?: boolean;
}

/** Builds and signs an X.509 v3 certificate (DER). */
export function buildCertificate(s: CertificateSpec): Buffer {
  const alg = seq(oid(SHA256_WITH_RSA), nul());
  const keyUsage = s.fiel ? namedBits([0, 1, 3, 4]) : namedBits([0, 1]);
  const exts = [extension(OID.basicConstraints, true, seq()), extension(OID.keyUsage, true, keyUsage)];
  if (s.fiel) exts.push(extension(OID.extKeyUsage, false, seq(oid(OID.emailProtection), oid(OID.clientAuth))));
  const tbs = seq(
    explicit(0, integer(Buffer.from([2]))),
    integer(Buffer.from(s.serial, 'latin1')),
    alg,
    encodeName(s.issuer),
    seq(time(s.validFrom), time(s.validTo)),
    encodeName(s.subject),
    s.publicKey.export({ type: 'spki', format: 'der' }),
    explicit(3, seq(...exts)),
  );
  const signature = sign('sha256', tbs, s.signingKey);
  return seq(tbs, alg, bitString(signature));
}

function randomDigits(n: number): string {
  let s = '';
  for (let k = 0; k < n; k++) s += Math.floor(Math.random() * 10);
  return s;
}

export const TEST_ISSUER: Array<[string, string]> = [
  [OID.commonName, 'AC DE PRUEBAS CFDI-ASYNC'],
  [OID.organization, 'CFDI-ASYNC (SIN VALIDEZ FISCAL)'],
];

export async function generateTestCsd(i: {
  rfc: string;
  nombre: string;
  password: string;
  validFrom?: Date;
  validTo?: Date;
  /** 20 digits. */
  serial?: string;
  fiel?: boolean;
}): Promise<{ cer: Buffer; key: Buffer }> {
  const serial = i.serial ?? '30001' + randomDigits(15);
  if (!/^\d{20}$/.test(serial)) throw new RangeError('serial must be 20 digits');
  // A week back: documents may be dated up to 72 h before stamping.
  const validFrom = i.validFrom ?? new Date(Date.now() - 7 * 86400_000);
  const validTo = i.validTo ?? new Date(validFrom.getTime() + 4 * 365 * 86400_000);
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const subject: Array<[string, string]> = [
    [OID.commonName, i.nombre],
    [OID.name, i.nombre],
    [OID.organization, i.nombre],
    [OID.x500UniqueIdentifier, i.rfc],
    [OID.serialNumber, ' / '],
  ];
  if (!i.fiel) subject.push([OID.organizationalUnit, 'Sucursal 1']);
  const cer = buildCertificate({ serial, subject, issuer: TEST_ISSUER, validFrom, validTo, publicKey, signingKey: privateKey, fiel: i.fiel });
  const key = privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'des-ede3-cbc', passphrase: i.password });
  return { cer, key };
}
