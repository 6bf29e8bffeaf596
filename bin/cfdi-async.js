#!/usr/bin/env node
// The service runs its TypeScript sources with no build step between a clone and `npm start`:
// they are bundled at start into one module (src/shared/ts-bundle.mjs: one thread instead of
// two, half the heap), or, where that cannot be written, run through tsx.
import { bundleTsEntry } from '../src/shared/ts-bundle.mjs';

const cli = new URL('../src/main/cli.ts', import.meta.url);
let bundle;
try {
  bundle = await bundleTsEntry(cli);
} catch {
  bundle = undefined;
}
if (bundle) {
  process.setSourceMapsEnabled(true);
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(cli.href);
}
