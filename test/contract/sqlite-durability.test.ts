/**
 * What survives a power loss on SQLite (ARCHITECTURE.md): the accepted request and the
 * sealed XML (with the folio) are fsynced before their call returns; the redoable stages are
 * not. Read from the system calls themselves: the store runs in a child under strace, which
 * names each descriptor's file (-y), so the WAL's fdatasync must follow the commit's writes.
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

test('createPeticion, createPeticionIdempotent and saveSealed fsync the WAL after their commit, before they return; assignFolio and saveStamped do not wait for the disk', (t) => {
  if (strace.status !== 0) return skipOrFail(t, 'strace is not installed (apt-get install strace): the fsync count cannot be read');
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-durability-'));
  try {
    const out = join(dir, 'strace.txt');
    const child = fileURLToPath(new URL('./sqlite-durability.child.ts', import.meta.url));
    const r = spawnSync('strace', ['-f', '-qq', '-y', '-s', '64', '-e', 'trace=fsync,fdatasync,write,pwrite64', '-e', 'signal=none', '-o', out,
      process.execPath, '--import', 'tsx', child, join(dir, 'cfdi.db')], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    // Per step: its fsyncs, and whether the WAL was synced after the step's last write to it
    // (a sync before the commit's own frames would not make the commit durable).
    type Step = { syncs: number; walWritten: boolean; walSyncedAfter: boolean };
    const steps = new Map<string, Step>();
    let current: Step | undefined;
    for (const line of readFileSync(out, 'utf8').split('\n')) {
      const m = /@@(begin|end) (\w+)@@/.exec(line);
      if (m) {
        current = m[1] === 'begin' ? { syncs: 0, walWritten: false, walSyncedAfter: false } : undefined;
        if (current) steps.set(m[2]!, current);
      } else if (current && /\b(fsync|fdatasync)\(/.test(line)) {
        current.syncs++;
        if (/-wal>/.test(line)) current.walSyncedAfter = current.walWritten;
      } else if (current && /\bpwrite64\(\d+<[^>]*-wal>/.test(line)) {
        current.walWritten = true;
        current.walSyncedAfter = false;
      }
    }
    const summary = JSON.stringify(Object.fromEntries(steps));
    for (const durable of ['createPeticion', 'createPeticionIdempotent', 'saveSealed']) {
      assert.ok(steps.get(durable)?.walWritten, `${durable} wrote to the WAL: ${summary}`);
      assert.ok(steps.get(durable)?.walSyncedAfter, `${durable} fsynced the WAL after its commit, before returning: ${summary}`);
    }
    for (const redoable of ['assignFolio', 'saveStamped']) {
      assert.ok(steps.get(redoable)?.walWritten, `${redoable} wrote to the WAL: ${summary}`);
      assert.equal(steps.get(redoable)?.syncs, 0, `${redoable} did not wait for the disk: ${summary}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
