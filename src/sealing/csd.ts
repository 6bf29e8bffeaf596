/**
 * Loading and checking a CSD (Certificado de Sello Digital): the DER `.cer`, the
 * PKCS#8 EncryptedPrivateKeyInfo `.key` and its password, with node:crypto only.
 * The private key is parsed once here; sealing reuses the KeyObject.
 */
import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import { AppError } from '../shared/errors.ts';
import { isFiel, readSatCertificate, type SatCertificateInfo } from './certificate.ts';
import { children, readTlv } from './der.ts';

export interface Csd {
  /** RFC of the certificate holder (first RFC of x500UniqueIdentifier). */
  rfc: string;
  /** Holder name as in the certificate (CN), e.g. "ESCUELA KEMPER URGATE SA DE CV". */
  nombre: string;
  /** 20-digit certificate number (Comprobante@NoCertificado). */
  noCertificado: string;
  /** Base64 of the DER certificate, no line breaks (Comprobante@Certificado). */
  certificadoBase64: string;
  cer: Buffer;
  validFrom: Date;
  validTo: Date;
  privateKey: KeyObject;
}

function pemToDer(b: Buffer, label: RegExp): Buffer | undefined {
  const s = b.subarray(0, 64).toString('latin1');
  if (!s.startsWith('-----BEGIN')) return undefined;
  const m = b.toString('latin1').match(new RegExp(`-----BEGIN (${label.source})-----([^-]+)-----END`));
  return m ? Buffer.from(m[2].replace(/\s+/g, ''), 'base64') : undefined;
}

/** SEQUENCE { AlgorithmIdentifier SEQUENCE, OCTET STRING } — an encrypted PKCS#8 key. */
function looksEncryptedPkcs8(der: Buffer): boolean {
  try {
    const top = readTlv(der, 0);
    if (top.tag !== 0x30 || top.end !== der.length) return false;
    const parts = children(top);
    return parts.length === 2 && parts[0].tag === 0x30 && parts[1].tag === 0x04;
  } catch {
    return false;
  }
}

/** SEQUENCE { INTEGER 0, AlgorithmIdentifier, OCTET STRING, … } — a plain PKCS#8 key. */
function looksPlainPkcs8(der: Buffer): boolean {
  try {
    const top = readTlv(der, 0);
    if (top.tag !== 0x30 || top.end !== der.length) return false;
    const parts = children(top);
    return parts.length >= 3 && parts[0].tag === 0x02 && parts[1].tag === 0x30 && parts[2].tag === 0x04;
  } catch {
    return false;
  }
}

/**
 * Loads a CSD. Throws AppError CSD_FORMATO (not a DER certificate / PKCS#8 key, not a
 * SAT certificate number), CSD_FIEL (an e.firma certificate), CSD_PASSWORD (the key
 * does not decrypt with the password) or CSD_NO_PAR (key and certificate differ).
 * PEM input is accepted too.
 */
export function loadCsd(i: { cer: Buffer; key: Buffer; password: string }): Csd {
  const cer = pemToDer(i.cer, /CERTIFICATE/) ?? i.cer;
  let x509: X509Certificate;
  let info: SatCertificateInfo;
  try {
    x509 = new X509Certificate(cer);
    info = readSatCertificate(cer);
  } catch {
    throw new AppError('CSD_FORMATO', 'El archivo .cer no es un certificado X.509 en formato DER (the .cer is not a DER X.509 certificate)');
  }
  if (!info.noCertificado) {
    throw new AppError('CSD_FORMATO', `El número de serie del certificado no es un número de certificado del SAT de 20 dígitos (serial ${info.serialHex})`);
  }
  if (!info.rfc) {
    throw new AppError('CSD_FORMATO', 'El certificado no contiene el RFC del titular (x500UniqueIdentifier, 2.5.4.45)');
  }
  if (isFiel(info)) {
    throw new AppError('CSD_FIEL', 'El certificado es de e.firma (FIEL), no un Certificado de Sello Digital (CSD); los CFDI se sellan con el CSD');
  }

  const keyDer = pemToDer(i.key, /(?:ENCRYPTED )?PRIVATE KEY/) ?? i.key;
  let privateKey: KeyObject;
  if (looksEncryptedPkcs8(keyDer)) {
    try {
      privateKey = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8', passphrase: i.password });
    } catch {
      throw new AppError('CSD_PASSWORD', 'La contraseña de la llave privada (.key) es incorrecta (the .key could not be decrypted with the given password)');
    }
  } else if (looksPlainPkcs8(keyDer)) {
    try {
      privateKey = createPrivateKey({ key: keyDer, format: 'der', type: 'pkcs8' });
    } catch {
      throw new AppError('CSD_FORMATO', 'El archivo .key no es una llave privada PKCS#8 válida');
    }
  } else {
    throw new AppError('CSD_FORMATO', 'El archivo .key no es una llave privada PKCS#8 en formato DER (the .key is not a DER PKCS#8 key)');
  }
  if (privateKey.asymmetricKeyType !== 'rsa') {
    throw new AppError('CSD_FORMATO', `La llave privada es ${privateKey.asymmetricKeyType}; el SAT usa RSA`);
  }
  if (!x509.checkPrivateKey(privateKey)) {
    throw new AppError('CSD_NO_PAR', `La llave privada no corresponde al certificado ${info.noCertificado} (the private key does not belong to the certificate)`);
  }
  return {
    rfc: info.rfc,
    nombre: info.nombre ?? '',
    noCertificado: info.noCertificado,
    certificadoBase64: cer.toString('base64'),
    cer,
    validFrom: info.validFrom,
    validTo: info.validTo,
    privateKey,
  };
}

/**
 * Checks that the CSD may seal a Comprobante of emisor `rfc` dated `fecha`.
 * `fecha` is an instant: convert Comprobante@Fecha (local time of LugarExpedicion) first.
 * Throws AppError CSD_RFC or CSD_VIGENCIA.
 */
export function checkCsdFor(csd: Csd, i: { rfc: string; fecha: Date }): void {
  if (csd.rfc.toUpperCase() !== i.rfc.trim().toUpperCase()) {
    throw new AppError('CSD_RFC', `El certificado ${csd.noCertificado} es del RFC ${csd.rfc}, no del emisor ${i.rfc}`);
  }
  const t = i.fecha.getTime();
  if (!(t >= csd.validFrom.getTime() && t <= csd.validTo.getTime())) {
    throw new AppError(
      'CSD_VIGENCIA',
      `El certificado ${csd.noCertificado} no está vigente en ${i.fecha.toISOString()} (vigencia ${csd.validFrom.toISOString()} a ${csd.validTo.toISOString()})`,
    );
  }
}
