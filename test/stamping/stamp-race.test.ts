/**
 * Issue 16 item 15: two processes stamping the same sealed XML at the same moment get
 * the same UUID from the test PAC (its memory is written with setMetaIfAbsent), on
 * SQLite and PostgreSQL.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BACKENDS } from '../contract/env.ts';
import { generateTestPacCredentials } from '../../src/stamping/test-pac/index.ts';
import { generateTestCsd } from '../../src/sealing/test-csd.ts';
import { loadCsd } from '../../src/sealing/csd.ts';
import { sealComprobante } from '../../src/sealing/seal.ts';
import { writeComprobante } from '../../src/cfdi/xml/write.ts';
import { FACTURA_DE_PRUEBA } from '../../src/stamping/test-pac/fixture.ts';

const CHILD = fileURLToPath(new URL('./stamp-child.ts', import.meta.url));

const doc = FACTURA_DE_PRUEBA;

function child(input: string): Promise<{ uuid: string }> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, ['--import', 'tsx', CHILD, input], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    p.on('close', (code) => (code === 0 ? resolve(JSON.parse(out) as { uuid: string }) : reject(new Error(`child exited ${code}: ${err}`))));
  });
}

for (const backend of BACKENDS) {
  describe(`test PAC memory across processes: ${backend.name}`, { skip: backend.skip }, () => {
    test('two processes stamping the same XML at once get the same UUID', async () => {
      const db = await backend.create();
      const dir = mkdtempSync(join(tmpdir(), 'cfdi-stamp-race-'));
      try {
        const store = db.openStore();
        await store.migrate();
        const files = await generateTestCsd({ rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', password: 'p', validFrom: new Date('2025-01-01T00:00:00Z'), validTo: new Date('2029-01-01T00:00:00Z') });
        const sealed = writeComprobante(sealComprobante(doc, loadCsd({ ...files, password: 'p' })));
        const pac = await generateTestPacCredentials();
        const all = ['a', 'b'];
        const runs = all.map((me) => {
          const input = join(dir, `${me}.json`);
          writeFileSync(input, JSON.stringify({ target: db.target, pac, sealed, barrier: dir, me, all }));
          return child(input);
        });
        const [a, b] = await Promise.all(runs);
        assert.match(a.uuid, /^[0-9A-F-]{36}$/);
        assert.equal(b.uuid, a.uuid, 'both processes answer with the first stamp');
        const rows = await db.rows("SELECT value FROM meta WHERE key LIKE 'stamp:%'");
        assert.equal(rows.length, 1);
        assert.equal(JSON.parse(rows[0].value).UUID, a.uuid, 'the remembered TFD is the one both returned');
      } finally {
        await db.dispose();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
}
