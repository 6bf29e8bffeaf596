/** Issue 16 item 7: nothing the service stores is readable by other local users. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../config/config.ts';
import { loadSecret } from '../main/runtime.ts'; // generates the secret file of a fresh directory
import { openSqliteStore } from '../storage/sqlite/index.ts';

const mode = (p: string) => (statSync(p).mode & 0o777).toString(8);

test('the data directory is 0700, the secret and the SQLite files (database, -wal, -shm) 0600', async () => {
  const old = process.umask(0o022); // the usual umask, which gave 0755/0644
  const root = mkdtempSync(join(tmpdir(), 'cfdi-modes-'));
  try {
    const dataDir = join(root, 'data');
    loadSecret(loadConfig({ CFDI_DATA_DIR: dataDir }));
    assert.equal(mode(dataDir), '700');
    assert.equal(mode(join(dataDir, 'secret')), '600');
    const file = join(root, 'elsewhere', 'cfdi.sqlite');
    const store = openSqliteStore({ file });
    await store.migrate();
    await store.setMeta('k', 'v');
    try {
      assert.equal(mode(join(root, 'elsewhere')), '700', 'a directory created for the database');
      for (const f of [file, `${file}-wal`, `${file}-shm`]) {
        assert.ok(existsSync(f), f);
        assert.equal(mode(f), '600', f);
      }
    } finally {
      await store.close();
    }
  } finally {
    process.umask(old);
    rmSync(root, { recursive: true, force: true });
  }
});

test('files and the data directory of an older release are tightened; a shared directory (/tmp-like) is not', async () => {
  const root = mkdtempSync(join(tmpdir(), 'cfdi-modes-'));
  try {
    const dataDir = join(root, 'data');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const file = join(dataDir, 'cfdi.sqlite');
    const s0 = openSqliteStore({ file });
    await s0.migrate();
    await s0.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (existsSync(f)) chmodSync(f, 0o644);
    writeFileSync(join(dataDir, 'secret'), 'x'.repeat(64), { mode: 0o644 });
    chmodSync(join(dataDir, 'secret'), 0o644);
    loadSecret(loadConfig({ CFDI_DATA_DIR: dataDir }));
    const store = openSqliteStore({ file });
    await store.getMeta('k');
    await store.close();
    assert.equal(mode(dataDir), '700');
    assert.equal(mode(join(dataDir, 'secret')), '600');
    assert.equal(mode(file), '600');
    const shared = join(root, 'shared');
    mkdirSync(shared);
    chmodSync(shared, 0o1777);
    loadSecret(loadConfig({ CFDI_DATA_DIR: shared }));
    assert.equal(statSync(shared).mode & 0o1777, 0o1777, 'a sticky shared directory keeps its mode');
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
