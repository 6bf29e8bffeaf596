import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundleTsEntry, STALE_BUNDLE_MS } from './ts-bundle.mjs';

test('a build deletes the bundles unused for a day, never one in use, named by a manifest, recent or being written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-bundles-'));
  try {
    const cacheDir = pathToFileURL(`${dir}/`);
    const longAgo = (Date.now() - STALE_BUNDLE_MS - 60_000) / 1000;
    const put = (name: string, old: boolean) => {
      writeFileSync(join(dir, name), '// x');
      if (old) utimesSync(join(dir, name), longAgo, longAgo);
    };
    put('worker-0000000000000001.mjs', true); // stale: an earlier source
    put('worker-0000000000000001.mjs.map', true);
    put('worker-0000000000000002.mjs', false); // loaded by a process within the day
    put('worker-0000000000000002.mjs.map', false);
    put('other-0000000000000003.mjs', true); // old, but its entry's manifest names it
    put('other-0000000000000003.mjs.map', true);
    writeFileSync(join(dir, 'other-abcdef01.json'), JSON.stringify({ bundle: 'other-0000000000000003.mjs', inputs: {} }));
    put('worker-0000000000000004.mjs.map', true); // its bundle already purged
    put('worker-0000000000000005.mjs.123.abc.tmp', false); // another process writing now
    put('worker-0000000000000006.mjs.456.def.tmp', true); // a write whose process died

    const built = await bundleTsEntry(new URL('./ts-worker.fixture.ts', import.meta.url), { cacheDir });

    const left = readdirSync(dir);
    const mine = built.pathname.split('/').at(-1)!;
    assert.ok(existsSync(built) && left.includes(`${mine}.map`), 'the bundle just built');
    for (const kept of ['worker-0000000000000002.mjs', 'worker-0000000000000002.mjs.map', 'other-0000000000000003.mjs',
      'other-0000000000000003.mjs.map', 'worker-0000000000000005.mjs.123.abc.tmp']) assert.ok(left.includes(kept), `${kept} kept: ${left}`);
    for (const gone of ['worker-0000000000000001.mjs', 'worker-0000000000000001.mjs.map', 'worker-0000000000000004.mjs.map',
      'worker-0000000000000006.mjs.456.def.tmp']) assert.ok(!left.includes(gone), `${gone} deleted: ${left}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
