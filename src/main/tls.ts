/**
 * HTTPS for the default start: the configured certificate and key, or a self-signed
 * one generated on first start into `<dataDir>/tls/` (clients then need `curl -k`).
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { ensurePrivateDir } from '../shared/private-files.ts';
import { join } from 'node:path';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import type { Config } from '../config/config.ts';

export async function tlsMaterial(config: Readonly<Config>): Promise<{ key: Buffer; cert: Buffer; generated: boolean }> {
  if (config.tls.certFile && config.tls.keyFile) {
    return { key: readFileSync(config.tls.keyFile), cert: readFileSync(config.tls.certFile), generated: false };
  }
  const dir = join(config.dataDir, 'tls');
  const keyFile = join(dir, 'key.pem');
  const certFile = join(dir, 'cert.pem');
  if (existsSync(keyFile) && existsSync(certFile)) {
    return { key: readFileSync(keyFile), cert: readFileSync(certFile), generated: false };
  }
  ensurePrivateDir(dir);
  const { keyPem, certPem } = await selfSigned(['localhost', '127.0.0.1', '::1']);
  writeFileSync(keyFile, keyPem, { mode: 0o600 });
  writeFileSync(certFile, certPem);
  return { key: Buffer.from(keyPem), cert: Buffer.from(certPem), generated: true };
}

export async function selfSigned(names: string[]): Promise<{ keyPem: string; certPem: string }> {
  x509.cryptoProvider.set(webcrypto as unknown as Crypto);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const now = new Date();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: Buffer.from(webcrypto.getRandomValues(new Uint8Array(8))).toString('hex'),
    name: 'CN=cfdi-async (self-signed)',
    notBefore: new Date(now.getTime() - 86_400_000),
    notAfter: new Date(now.getTime() + 3 * 365 * 86_400_000),
    keys: keys as CryptoKeyPair,
    signingAlgorithm: alg,
    extensions: [
      new x509.SubjectAlternativeNameExtension(
        names.map((n) => (/^[\d.:]+$/.test(n) ? { type: 'ip' as const, value: n } : { type: 'dns' as const, value: n })),
      ),
      new x509.BasicConstraintsExtension(false),
    ],
  });
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', (keys as CryptoKeyPair).privateKey));
  const keyPem = `-----BEGIN PRIVATE KEY-----\n${pkcs8.toString('base64').match(/.{1,64}/g)!.join('\n')}\n-----END PRIVATE KEY-----\n`;
  return { keyPem, certPem: cert.toString('pem') + '\n' };
}
