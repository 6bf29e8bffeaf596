/**
 * A second (third…) process for the contract suites' cross-process cases. Takes one
 * JSON command in argv[2], prints one JSON result. Waits for `startAt` (epoch ms) so
 * that its work overlaps with the parent's, whatever the start-up time.
 */
import { openQueueAt, openStoreAt, type Target } from './env.ts';
import type { ClaveIdempotencia, NewPeticion } from '../../src/storage/store.ts';

type Command =
  | { op: 'migrate'; target: Target; startAt: number }
  | { op: 'assignFolio'; target: Target; startAt: number; ids: number[] }
  | { op: 'drain'; target: Target; startAt: number; workerId: string; loops: number; clockMs?: number }
  | { op: 'createPeticionIdempotent'; target: Target; startAt: number; calls: number; peticion: NewPeticion; clave: ClaveIdempotencia };

const cmd = JSON.parse(process.argv[2]) as Command;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clock = 'clockMs' in cmd && cmd.clockMs !== undefined ? () => new Date(cmd.clockMs!) : undefined;

async function main(): Promise<unknown> {
  await sleep(Math.max(0, cmd.startAt - Date.now()));
  switch (cmd.op) {
    case 'migrate': {
      const s = openStoreAt(cmd.target);
      try {
        await s.migrate();
        return { ok: true };
      } finally {
        await s.close();
      }
    }
    case 'assignFolio': {
      const s = openStoreAt(cmd.target, { poolSize: 8 });
      try {
        return await Promise.all(cmd.ids.map(async (id) => ({ id, folio: (await s.assignFolio(id)).folio })));
      } finally {
        await s.close();
      }
    }
    case 'createPeticionIdempotent': {
      const s = openStoreAt(cmd.target, { poolSize: 8 });
      try {
        return await Promise.all(Array.from({ length: cmd.calls }, () => s.createPeticionIdempotent(cmd.peticion, cmd.clave)));
      } finally {
        await s.close();
      }
    }
    case 'drain': {
      const q = openQueueAt(cmd.target, { clock });
      const claimed: number[] = [];
      try {
        await Promise.all(Array.from({ length: cmd.loops }, async () => {
          for (;;) {
            const j = await q.claim(cmd.workerId, 60_000);
            if (!j) return;
            claimed.push(j.id);
            await q.complete(j.id, cmd.workerId);
          }
        }));
        return claimed;
      } finally {
        await q.close();
      }
    }
  }
}

main().then(
  (r) => {
    process.stdout.write(JSON.stringify(r));
  },
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
