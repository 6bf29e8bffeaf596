import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from './connection.ts';
import { CHECKPOINT_BACKSTOP_PAGES, startCheckpointer } from './checkpointer.ts';

/** Pages reach the database file only through checkpoints: its size tells whether one ran. */
function fill(file: string, kb: number) {
  const db = openDatabase({ file, walAutocheckpoint: CHECKPOINT_BACKSTOP_PAGES });
  db.exec('CREATE TABLE IF NOT EXISTS t (x BLOB)');
  const ins = db.prepare('INSERT INTO t VALUES (?)');
  const blob = Buffer.alloc(30 * 1024, 7);
  for (let i = 0; i < kb / 30; i++) db.transaction(() => ins.run(blob))();
  return db; // open: the last connection to close checkpoints everything
}

async function until(cond: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
  assert.ok(cond(), what);
}

test('writers with the backstop threshold never checkpoint; the checkpointer thread copies the WAL into the file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-ckpt-'));
  try {
    const alone = join(dir, 'alone.sqlite');
    const a = fill(alone, 8_000); // ~2,000 pages: past SQLite's default threshold of 1000
    assert.ok(statSync(alone).size < 1024 * 1024, `no writer checkpointed (file ${statSync(alone).size} bytes)`);
    a.close();

    const served = join(dir, 'served.sqlite');
    const c = startCheckpointer(served, { intervalMs: 20 });
    try {
      const b = fill(served, 8_000);
      await until(() => statSync(served).size > 7 * 1024 * 1024, `the checkpointer copied the WAL (file ${statSync(served).size} bytes)`);
      b.close();
    } finally {
      await c.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
