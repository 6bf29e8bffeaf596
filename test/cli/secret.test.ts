/** `cfdi-async secret rotate` and the start-up checks of the secret, as an operator meets them (issue 16 items 8, 9). */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './run-cli.ts';

let dir: string;

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  return runCli(dir, args, extraEnv);
}

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-cli-secret-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('secret rotate (file mode): new secret in place, same ids; a lost secret file stops the command with advice', async () => {
  const a = await cli(['demo', '--json']);
  assert.equal(a.code, 0, a.stderr);
  const oldSecret = readFileSync(join(dir, 'secret'), 'utf8');
  const r = await cli(['secret', 'rotate', '--json']);
  assert.equal(r.code, 0, r.stderr);
  const out = JSON.parse(r.stdout) as { version: number; resealed: number; newSecretFile: string };
  assert.equal(out.version, 2);
  assert.ok(out.resealed >= 3);
  const newSecret = readFileSync(join(dir, 'secret'), 'utf8');
  assert.notEqual(newSecret, oldSecret);
  assert.equal(statSync(join(dir, 'secret')).mode & 0o777, 0o600);
  assert.equal(existsSync(join(dir, 'secret.next')), false);
  const b = await cli(['demo', '--json']);
  assert.equal(b.code, 0, b.stderr);
  assert.deepEqual({ ...JSON.parse(b.stdout), created: true }, JSON.parse(a.stdout), 'same tenant, same public ids');

  const old = await cli(['demo', '--json'], { CFDI_SECRET: oldSecret });
  assert.equal(old.code, 1);
  assert.match(old.stderr, /rotated to version 2/);

  unlinkSync(join(dir, 'secret'));
  const lost = await cli(['demo', '--json']);
  assert.equal(lost.code, 1);
  assert.match(lost.stderr, /secret file .* is missing, but the database .* holds values sealed with a secret/);
  assert.equal(existsSync(join(dir, 'secret')), false, 'not regenerated');
});
