/**
 * One process of stamp-race.test.ts: stamps `sealed` with the test PAC and the
 * service's stamp memory (src/main/runtime.ts) on the shared database. Its first look
 * into the memory waits at a barrier until every process has looked: all of them find
 * nothing, the race the memory's write must settle. Prints the TFD's UUID.
 */
import { existsSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openStoreAt, type Target } from '../contract/env.ts';
import { stampMemory } from '../../src/main/runtime.ts';
import { createTestPacStamper } from '../../src/stamping/test-pac/index.ts';

const o = JSON.parse(readFileSync(process.argv[2], 'utf8')) as {
  target: Target; pac: { certPem: string; keyPem: string }; sealed: string; barrier: string; me: string; all: string[];
};
const store = openStoreAt(o.target);
const memory = stampMemory(store);
let first = true;
const stamper = createTestPacStamper({
  ...o.pac,
  clock: () => new Date('2025-06-01T18:30:05Z'),
  memory: {
    async get(k) {
      const v = await memory.get(k);
      if (first) {
        first = false;
        writeFileSync(join(o.barrier, o.me), '');
        const until = Date.now() + 30_000;
        while (!o.all.every((n) => existsSync(join(o.barrier, n)))) {
          if (Date.now() > until) throw new Error('barrier: the other process never came');
          await new Promise((r) => setTimeout(r, 5));
        }
      }
      return v;
    },
    putIfAbsent: memory.putIfAbsent,
  },
});
const r = await stamper.stamp(o.sealed);
await store.close();
process.stdout.write(JSON.stringify({ uuid: r.tfd.UUID }));
