/**
 * `npm run bench [-- NAME [args…]]`: runs one benchmark (bench/NAME.ts) or, with no
 * name, the end-to-end one. Each benchmark module exports `run(argv)` and prints its
 * figures; `--json` asks for one JSON object instead.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';

const here = dirname(fileURLToPath(import.meta.url));
const [name = 'e2e', ...rest] = process.argv.slice(2);
const file = join(here, `${name}.ts`);
if (!/^[a-z0-9-]+$/.test(name) || !existsSync(file)) {
  console.error(`unknown benchmark "${name}"`);
  process.exit(2);
}
const mod = (await import(pathToFileURL(file).href)) as { run(argv: string[]): Promise<void> };
await mod.run(rest);
