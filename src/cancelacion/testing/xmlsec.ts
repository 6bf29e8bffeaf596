/** xmlsec1 as the oracle for our XML signatures (Debian package `xmlsec1`). */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export function hasXmlsec1(): boolean {
  try {
    execFileSync('xmlsec1', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * `xmlsec1 --verify` with the key taken from the document's own X509Certificate
 * (`--insecure`: no chain to a CA; the certificate's identity is checked elsewhere).
 */
export function xmlsecVerify(xml: string): { ok: boolean; output: string } {
  const dir = mkdtempSync(join(tmpdir(), 'xmlsec-'));
  try {
    const file = join(dir, 'doc.xml');
    writeFileSync(file, xml);
    const r = spawnSync('xmlsec1', ['--verify', '--insecure', '--enabled-key-data', 'x509', file], { encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
