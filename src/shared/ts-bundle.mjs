/**
 * A TypeScript entry (the CLI, a worker thread's module) bundled into one ES module, so that its thread starts without
 * tsx. On Node 20 every thread that registers tsx gets a module-loader thread of its own (one
 * more V8 isolate), and it runs hundreds of separately transpiled modules, each with its
 * source map: the bench measured ~50 MB of RSS per thread for that alone (docs/benchmarks.md,
 * "Server memory"). The bundle is the same code through the same compiler tsx uses
 * (esbuild), with the packages left as imports.
 *
 * It is written under the package's node_modules/.cache, so that its imports resolve the
 * service's own packages, named by a hash of its content (processes starting together write
 * the same bytes) and renamed into place whole. Each module's `import.meta.url` stays the
 * URL of its source file, so paths relative to a module (fonts, worker scripts) are unchanged.
 * Each build after a source change leaves a new bundle (~1.4 MB with its map): a build also
 * deletes the bundles no process has loaded for a day (purgeStaleBundles).
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const defaultCacheDir = new URL('../../node_modules/.cache/cfdi-async/', import.meta.url);
/** @type {Map<string, Promise<URL>>} */
const built = new Map();

/**
 * A bundle unused this long is deleted by the next build. Every start that loads a bundle
 * marks it used (its mtime), so only bundles of sources changed since are old: a process
 * running older code that long has its modules in memory, and a worker thread it replaces
 * later runs through tsx when its bundle is gone (workers.ts).
 */
export const STALE_BUNDLE_MS = 24 * 3_600_000;

/**
 * The bundle of `entry` (built once per process); rejects when it cannot be built or written.
 * `cacheDir` is for tests.
 * @param {URL} entry
 * @param {{ cacheDir?: URL }} [o]
 * @returns {Promise<URL>}
 */
export function bundleTsEntry(entry, o = {}) {
  const cacheDir = o.cacheDir ?? defaultCacheDir;
  const key = `${cacheDir.href} ${entry.href}`;
  let p = built.get(key);
  if (!p) {
    p = Promise.resolve().then(() => unchangedBundle(entry, cacheDir) ?? buildBundle(entry, cacheDir));
    built.set(key, p);
    p.catch(() => built.delete(key));
  }
  return p;
}

/**
 * Each entry's manifest: its bundle and the size and mtime of every source file in it. A
 * restart with unchanged sources (a supervisor replacing a killed process) loads the bundle
 * without running esbuild.
 * @param {URL} entry
 * @param {URL} cacheDir
 */
function manifestOf(entry, cacheDir) {
  const name = basename(fileURLToPath(entry)).replace(/\.[cm]?ts$/, '');
  return { name, file: new URL(`${name}-${createHash('sha256').update(entry.href).digest('hex').slice(0, 8)}.json`, cacheDir) };
}

/** @param {string} path */
function stamp(path) {
  const st = statSync(path);
  return `${st.size}:${st.mtimeMs}`;
}

/** @param {URL} entry @param {URL} cacheDir @returns {URL | undefined} */
function unchangedBundle(entry, cacheDir) {
  try {
    /** @type {{ bundle: string, inputs: Record<string, string> }} */
    const m = JSON.parse(readFileSync(manifestOf(entry, cacheDir).file, 'utf8'));
    for (const [path, st] of Object.entries(m.inputs)) if (stamp(path) !== st) return undefined;
    const bundle = new URL(m.bundle, cacheDir);
    markUsed(bundle);
    return bundle;
  } catch {
    return undefined;
  }
}

/** @param {URL} entry @param {URL} cacheDir */
async function buildBundle(entry, cacheDir) {
  const { name, file: manifest } = manifestOf(entry, cacheDir);
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const startedAt = Date.now();
  // esbuild's asynchronous API (needed for the plugin) keeps a compiler process beside this
  // one; stopped once the bundle is built, since the service never needs it again.
  const r = await build({
    entryPoints: [fileURLToPath(entry)],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: `node${process.versions.node}`,
    // Stack traces in the logs point at the TypeScript sources, as under tsx.
    sourcemap: 'linked',
    sourcesContent: false,
    write: false,
    outdir: fileURLToPath(cacheDir),
    entryNames: name,
    absWorkingDir: root,
    metafile: true,
    plugins: [ownImportMetaUrl],
    logLevel: 'silent',
  }).finally(() => stop());
  const js = r.outputFiles.find((f) => f.path.endsWith('.js'));
  const map = r.outputFiles.find((f) => f.path.endsWith('.js.map'));
  if (!js || !map) throw new Error(`esbuild produced no bundle for ${entry.href}`);
  const hash = createHash('sha256').update(js.contents).update(map.contents).digest('hex').slice(0, 16);
  const file = `${name}-${hash}.mjs`;
  const code = js.text.replace(/\/\/# sourceMappingURL=\S+\s*$/, `//# sourceMappingURL=${file}.map\n`);
  mkdirSync(cacheDir, { recursive: true });
  const target = new URL(file, cacheDir);
  if (sameContent(target, code)) markUsed(target);
  else {
    writeWhole(new URL(`${file}.map`, cacheDir), map.text);
    writeWhole(target, code);
  }
  const inputs = Object.fromEntries(Object.keys(r.metafile.inputs).map((p) => [join(root, p), stamp(join(root, p))]));
  // A source edited while esbuild ran may not be in this bundle: no manifest, the next start builds again.
  const edited = Object.keys(inputs).some((p) => statSync(p).mtimeMs >= startedAt - 2_000);
  if (!edited) writeWhole(manifest, JSON.stringify({ bundle: file, inputs }));
  // Only a build adds files, so only a build purges; a failed purge never fails the start.
  try {
    purgeStaleBundles(cacheDir, file);
  } catch {
    // Left for the next build.
  }
  return target;
}

/**
 * Deletes the bundles (with their maps) that are not `inUse`, not named by any entry's
 * manifest and unused for STALE_BUNDLE_MS, and the temporary files of writes that never
 * finished (their process died) as old. Files are written under a temporary name and renamed
 * into place whole (writeWhole), so a file another process is writing now is a young
 * temporary file and stays; a bundle is deleted before its map (a map left alone by a
 * purge that died in between goes with the next).
 * @param {URL} cacheDir
 * @param {string} inUse file name of the bundle this process runs
 * @param {number} [now]
 */
export function purgeStaleBundles(cacheDir, inUse, now = Date.now()) {
  const names = readdirSync(cacheDir);
  const named = new Set([inUse]);
  for (const n of names) {
    if (!n.endsWith('.json')) continue;
    try {
      named.add(JSON.parse(readFileSync(new URL(n, cacheDir), 'utf8')).bundle);
    } catch {
      // A manifest replaced or deleted meanwhile names nothing.
    }
  }
  const old = (/** @type {string} */ n) => {
    try {
      return now - statSync(new URL(n, cacheDir)).mtimeMs > STALE_BUNDLE_MS;
    } catch {
      return false; // already gone
    }
  };
  const remove = (/** @type {string} */ n) => {
    try {
      unlinkSync(new URL(n, cacheDir));
    } catch {
      // Another process purged it first.
    }
  };
  for (const n of names) {
    if (n.endsWith('.tmp') && old(n)) remove(n);
    else if (n.endsWith('.mjs') && !named.has(n) && old(n)) {
      remove(n);
      remove(`${n}.map`);
    } else if (n.endsWith('.mjs.map') && !names.includes(n.slice(0, -'.map'.length)) && old(n)) remove(n);
  }
}

/**
 * A bundle's mtime is when a process last loaded it (purgeStaleBundles keeps it for a day).
 * Throws when it is gone, so that the caller builds it again.
 * @param {URL} file
 */
function markUsed(file) {
  const t = new Date();
  try {
    utimesSync(file, t, t);
  } catch (e) {
    // A read-only cache still serves; only a missing bundle must be rebuilt.
    if (/** @type {{ code?: string }} */ (e).code === 'ENOENT') throw e;
  }
}

/**
 * Replaces `import.meta.url` in each source file by that file's URL, before bundling.
 * @type {import('esbuild').Plugin}
 */
const ownImportMetaUrl = {
  name: 'own-import-meta-url',
  setup(b) {
    b.onLoad({ filter: /\.[cm]?[jt]s$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (!text.includes('import.meta.url')) return undefined;
      const contents = text.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href));
      return { contents, loader: /\.[cm]?ts$/.test(args.path) ? 'ts' : 'js' };
    });
  },
};

/** @param {URL} file @param {string} text */
function sameContent(file, text) {
  try {
    return readFileSync(file, 'utf8') === text;
  } catch {
    return false;
  }
}

/** @param {URL} file @param {string} text */
function writeWhole(file, text) {
  const tmp = new URL(`${file.href}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}
