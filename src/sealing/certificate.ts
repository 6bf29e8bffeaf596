/**
 * Reads what we need from a SAT X.509 certificate (CSD, FIEL or the PAC/SAT stamping
 * certificate): certificate number, subject RFC and name, validity, key usages.
 *
 * SAT conventions (checked on the SAT test CSDs with openssl):
 * - the serial's bytes are the ASCII digits of the 20-digit certificate number;
 * - subject x500UniqueIdentifier (2.5.4.45) = "RFC" or "RFC / RFC of the legal
 *   representative"; serialNumber (2.5.4.5) = CURP(s); CN/name/O = registered name;
 *   OU = the branch ("Sucursal 1") for a CSD, absent for a FIEL.
 */
import { children, content, decodeOid, decodeString, decodeTime, DerError, readTlv, type Tlv } from './der.ts';

export const OID = {
  commonName: '2.5.4.3',
  serialNumber: '2.5.4.5',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  name: '2.5.4.41',
  x500UniqueIdentifier: '2.5.4.45',
  keyUsage: '2.5.29.15',
  extKeyUsage: '2.5.29.37',
  basicConstraints: '2.5.29.19',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  clientAuth: '1.3.6.1.5.5.7.3.2',
} as const;

export const KEY_USAGE_BITS = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsage = (typeof KEY_USAGE_BITS)[number];

export interface SatCertificateInfo {
  serialHex: string;
  /** 20-digit SAT certificate number, or undefined when the serial is not ASCII digits. */
  noCertificado?: string;
  /** Subject attributes by OID, in order. */
  subject: Map<string, string[]>;
  /** First RFC of x500UniqueIdentifier, uppercased. */
  rfc?: string;
  /** CN (or name, or O). */
  nombre?: string;
  ou?: string;
  validFrom: Date;
  validTo: Date;
  /** Undefined when the certificate has no keyUsage extension. */
  keyUsage?: Set<KeyUsage>;
  extKeyUsage: string[];
}

function parseName(t: Tlv): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const rdn of children(t)) {
    for (const atv of children(rdn)) {
      const [o, v] = children(atv);
      const k = decodeOid(o);
      const list = m.get(k) ?? [];
      list.push(decodeString(v));
      m.set(k, list);
    }
  }
  return m;
}

export function serialToNoCertificado(serialHex: string): string | undefined {
  const h = serialHex.length % 2 ? '0' + serialHex : serialHex;
  const s = Buffer.from(h, 'hex').toString('latin1');
  return /^\d{20}$/.test(s) ? s : undefined;
}

/** Parses a DER certificate. Throws DerError when it is not one. */
export function readSatCertificate(der: Buffer): SatCertificateInfo {
  const cert = readTlv(der, 0);
  if (cert.tag !== 0x30 || cert.end !== der.length) throw new DerError('not a DER certificate');
  const [tbs] = children(cert);
  const f = children(tbs);
  let k = 0;
  if (f[0].tag === 0xa0) k++; // version
  const serial = f[k++];
  if (serial.tag !== 0x02) throw new DerError('bad certificate serial');
  k++; // signature algorithm
  k++; // issuer
  const validity = children(f[k++]);
  const subject = parseName(f[k++]);
  k++; // subjectPublicKeyInfo
  let keyUsage: Set<KeyUsage> | undefined;
  const extKeyUsage: string[] = [];
  for (; k < f.length; k++) {
    if (f[k].tag !== 0xa3) continue;
    const [exts] = children(f[k]);
    for (const ext of children(exts)) {
      const parts = children(ext);
      const id = decodeOid(parts[0]);
      const value = readTlv(content(parts[parts.length - 1]), 0);
      if (id === OID.keyUsage) {
        const b = content(value);
        keyUsage = new Set();
        for (let bit = 0; bit < (b.length - 1) * 8; bit++) {
          if (b[1 + (bit >> 3)] & (0x80 >> (bit & 7)) && bit < KEY_USAGE_BITS.length) keyUsage.add(KEY_USAGE_BITS[bit]);
        }
      } else if (id === OID.extKeyUsage) {
        for (const o of children(value)) extKeyUsage.push(decodeOid(o));
      }
    }
  }
  const serialHex = content(serial).toString('hex').replace(/^(00)+(?=.)/, '').toUpperCase();
  const uid = subject.get(OID.x500UniqueIdentifier)?.[0];
  return {
    serialHex,
    noCertificado: serialToNoCertificado(serialHex),
    subject,
    rfc: uid ? uid.split('/')[0].trim().toUpperCase() : undefined,
    nombre: (subject.get(OID.commonName) ?? subject.get(OID.name) ?? subject.get(OID.organization))?.[0],
    ou: subject.get(OID.organizationalUnit)?.[0],
    validFrom: decodeTime(validity[0]),
    validTo: decodeTime(validity[1]),
    keyUsage,
    extKeyUsage,
  };
}

/**
 * A FIEL (e.firma) rather than a CSD. SAT CSDs carry keyUsage = digitalSignature +
 * nonRepudiation only and no extended key usage; SAT FIELs add dataEncipherment and
 * keyAgreement (and keyEncipherment in some generations) plus extended usages
 * emailProtection and clientAuth. We decide on those usages, which the SAT sets by
 * certificate type, rather than on the OU (a CSD's branch name is free text the
 * taxpayer chose and a FIEL simply lacks it).
 */
export function isFiel(info: SatCertificateInfo): boolean {
  const ku = info.keyUsage;
  if (ku && (ku.has('keyEncipherment') || ku.has('dataEncipherment') || ku.has('keyAgreement'))) return true;
  return info.extKeyUsage.includes(OID.emailProtection) || info.extKeyUsage.includes(OID.clientAuth);
}
