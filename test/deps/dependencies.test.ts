/**
 * package.json tells the truth (issue 16 item 14): what the product imports is a
 * dependency and every dependency is imported by the product; what only tests, benches
 * and scripts use is a devDependency; every installed package runs on the Node that
 * `engines` promises; packages with install scripts are listed in allowScripts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { builtinModules, createRequire } from 'node:module';

const root = new URL('../../', import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
  engines: { node: string }; dependencies: Record<string, string>; devDependencies: Record<string, string>; allowScripts: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
  packages: Record<string, { version?: string; engines?: { node?: string } | string[]; dev?: boolean; optional?: boolean; hasInstallScript?: boolean }>;
};
const semver = createRequire(import.meta.url)('semver') as { minVersion(r: string): { version: string } | null; satisfies(v: string, r: string): boolean };

function sources(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) sources(p, out);
    else if (/\.(ts|mjs|js)$/.test(name) && !/\.test\.ts$|\.fixture\.ts$/.test(name) && !p.includes('/testing/')) out.push(p);
  }
  return out;
}

/** Bare package names a file imports (static, dynamic and type-only imports alike). */
function imported(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const names = new Set<string>();
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"]([^'".][^'"]*)['"]/g)) {
    const spec = m[1];
    if (spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0])) continue;
    names.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);
  }
  return [...names];
}

test('the product imports only dependencies, and every dependency is imported by the product', () => {
  const product = [...sources(join(root, 'src')), ...sources(join(root, 'bin'))];
  const used = new Set(product.flatMap(imported));
  const deps = Object.keys(pkg.dependencies);
  assert.deepEqual([...used].filter((n) => !deps.includes(n) && !n.startsWith('@types/')).sort(), [], 'imported by src/ but not a dependency');
  // Packages used without an import: fonts read from disk, decorators' runtime.
  const byPath = new Set(['dejavu-fonts-ttf', 'reflect-metadata']);
  assert.deepEqual(deps.filter((d) => !used.has(d) && !byPath.has(d)).sort(), [], 'a dependency the product never imports (a devDependency, or unused)');
  for (const gone of ['playwright-core', 'pino-pretty']) assert.ok(!(gone in pkg.devDependencies) && !(gone in pkg.dependencies), `${gone} is unused`);
});

test('every installed package runs on the oldest Node that engines promises', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;
  const bad: string[] = [];
  for (const [path, p] of Object.entries(lock.packages)) {
    const range = !Array.isArray(p.engines) ? p.engines?.node : undefined;
    if (!path || !range || p.optional) continue;
    if (!semver.satisfies(oldest, range)) bad.push(`${path.replace(/^.*node_modules\//, '')}@${p.version} needs node ${range}`);
  }
  assert.deepEqual(bad, [], `engines says ${pkg.engines.node}`);
});

test('every package with an install script is listed in allowScripts', () => {
  const withScripts = Object.entries(lock.packages).filter(([path, p]) => path && p.hasInstallScript && !p.optional)
    .map(([path]) => path.replace(/^.*node_modules\//, ''));
  assert.deepEqual(withScripts.filter((n) => !(n in pkg.allowScripts)).sort(), []);
});
