/**
 * What survives a power loss on SQLite (ARCHITECTURE.md): the accepted request and the
 * sealed XML (with the folio) are fsynced before their call returns; the redoable stages are
 * not. Counted from the system calls themselves: the store runs in a child under strace.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { skipOrFail } from '../conformance/oracle.ts';

const strace = spawnSync('strace', ['-V'], { encoding: 'utf8' });

test('createPeticion and saveSealed reach the disk before they return; assignFolio and saveStamped do not wait for it', (t) => {
  if (strace.status !== 0) return skipOrFail(t, 'strace is not installed (apt-get install strace): the fsync count cannot be read');
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-durability-'));
  try {
    const out = join(dir, 'strace.txt');
    const child = fileURLToPath(new URL('./sqlite-durability.child.ts', import.meta.url));
    const r = spawnSync('strace', ['-f', '-qq', '-e', 'trace=fsync,fdatasync,write', '-e', 'signal=none', '-o', out,
      process.execPath, '--import', 'tsx', child, join(dir, 'cfdi.db')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const syncs = new Map<string, number>();
    let current: string | undefined;
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      const m = /@@(begin|end) (\w+)@@/.exec(line);
      if (m) current = m[1] === 'begin' ? m[2] : undefined;
      else if (current && /\b(fsync|fdatasync)\(/.test(line)) syncs.set(current, (syncs.get(current) ?? 0) + 1);
    }
    const counts = Object.fromEntries(['createPeticion', 'assignFolio', 'saveSealed', 'saveStamped'].map((k) => [k, syncs.get(k) ?? 0]));
    assert.ok(counts.createPeticion >= 1 && counts.saveSealed >= 1, JSON.stringify(counts));
    assert.equal(counts.assignFolio, 0, JSON.stringify(counts));
    assert.equal(counts.saveStamped, 0, JSON.stringify(counts));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
