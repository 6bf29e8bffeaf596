/**
 * A test CSD generated on the fly (no SAT file is read): RSA key + X.509 certificate
 * whose serial encodes a 20-digit NoCertificado and whose x500UniqueIdentifier carries
 * the fixture emisor's RFC, and a sealed copy of `ingreso()` over a stand-in cadena.
 * CFDI40102 only needs `ctx.cadenaOriginal`, so the cadena here is a fixed text.
 */
import 'reflect-metadata';
import { webcrypto, sign as nodeSign, createPrivateKey } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Comprobante } from '../../cfdi/model.ts';
import type { RuleContext } from '../rule.ts';
import { fixtureContext, ingreso } from './fixtures.ts';

export const TEST_NO_CERTIFICADO = '30001000000900000001';

export interface TestCsd {
  certDer: Buffer;
  /** PKCS#8 DER private key, unencrypted (test only). */
  keyDer: Buffer;
}

export async function makeTestCsd(rfc = 'EKU9003173C9', nombre = 'ESCUELA KEMPER URGATE SA DE CV'): Promise<TestCsd> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256', publicExponent: new Uint8Array([1, 0, 1]), modulusLength: 2048 };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const serialHex = Buffer.from(TEST_NO_CERTIFICADO, 'latin1').toString('hex');
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialHex,
    name: `CN=${nombre}, O=${nombre}, 2.5.4.45=${rfc} / VADA800927DJ3`,
    notBefore: new Date('2023-01-01T00:00:00Z'),
    notAfter: new Date('2027-01-01T00:00:00Z'),
    keys: keys as unknown as CryptoKeyPair,
    signingAlgorithm: alg,
  });
  const keyDer = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', keys.privateKey));
  return { certDer: Buffer.from(cert.rawData), keyDer };
}

export function sealWith(csd: TestCsd, c: Comprobante, cadena: string): Comprobante {
  const key = createPrivateKey({ key: csd.keyDer, format: 'der', type: 'pkcs8' });
  return {
    ...structuredClone(c),
    NoCertificado: TEST_NO_CERTIFICADO,
    Certificado: csd.certDer.toString('base64'),
    Sello: nodeSign('RSA-SHA256', Buffer.from(cadena, 'utf8'), key).toString('base64'),
  };
}

const CADENA = '||4.0|A|1|2025-06-15T12:00:00|cadena de prueba||';
const csd = await makeTestCsd();
const kit = { sealed: sealWith(csd, ingreso(), CADENA), ctx: fixtureContext({ cadenaOriginal: CADENA }) };

/** The sealed fixture and a context carrying its cadena (each call returns fresh copies). */
export function sealingKit(): { sealed: Comprobante; ctx: RuleContext } {
  return { sealed: structuredClone(kit.sealed), ctx: { ...kit.ctx } };
}
