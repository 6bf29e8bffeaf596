import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { connectorNames, getConnector } from './registry.ts';

test('every connector folder is registered under its own name', () => {
  const dir = fileURLToPath(new URL('./', import.meta.url));
  const folders = readdirSync(dir).filter((f) => statSync(dir + f).isDirectory()).sort();
  assert.deepEqual([...connectorNames()].sort(), folders);
  for (const name of folders) assert.equal(getConnector(name)?.name, name);
  assert.equal(getConnector('nope'), undefined);
});
