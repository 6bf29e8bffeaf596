/**
 * A seeded fuzz of every route the app registers (read from fastify, so a route added
 * tomorrow is fuzzed without touching this file), over real HTTP on loopback against
 * the real composition (SQLite, ids, secrets). Every answer must be below 500, arrive
 * (no hang), and carry no stack trace and no filesystem path.
 *
 * CFDI_FUZZ_SEED reproduces a run (the seed is in the test name and in every failure);
 * CFDI_FUZZ_REQUESTS sets how many requests (default 3,000, a few seconds).
 * Each case is drawn from its own generator (seed, index), so a failure names one case
 * that replays alone whatever the concurrency.
 */
import { startSatEstadoDouble, type SatEstadoDouble } from '../doubles/sat-estado-double.ts';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { buildApp } from '../../src/http/app.ts';
import { routesOf, type RouteEntry } from '../../src/http/route-list.ts';
import { ensureDemoTenant, type DemoTenant } from '../../src/invoicing/demo.ts';
import { createEmpresa } from '../../src/invoicing/tenants.ts';
import { Prng } from '../../src/layout/prng.ts';
import { uuidOf } from '../contract/fixtures.ts';
import { repoRoot, storeStampedCfdi } from './helpers.ts';

const SEED = Number(process.env.CFDI_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
const REQUESTS = Number(process.env.CFDI_FUZZ_REQUESTS ?? 3000);
const CONCURRENCY = 8;
/** An answer that takes this long is a hang (a real one takes milliseconds). */
const HANG_MS = 15_000;

const examples = readdirSync(join(repoRoot, 'examples')).map((f) => readFileSync(join(repoRoot, 'examples', f), 'utf8'));

let dataDir: string;
let rt: Runtime;
let app: FastifyInstance;
let port: number;
let sat: SatEstadoDouble;
let demo: DemoTenant;
/** Real values the generator mixes in, so requests get past the first checks. */
const real = { otherKey: '', idPeticion: '', idCfdi: '', uuid: '' };

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cfdi-fuzz-'));
  // The SAT status service is a loopback double (there is no network); synchronous PUTs wait 200 ms, not 30 s.
  sat = await startSatEstadoDouble();
  const config = loadConfig({}, {
    CFDI_DATA_DIR: dataDir, CFDI_LOG_LEVEL: 'silent', CFDI_TLS: 'off', CFDI_WORKERS: '0', CFDI_SYNC_WAIT_MS: '200', CFDI_SAT_ESTADO_URL: sat.url,
  });
  rt = await openRuntime(config);
  demo = (await ensureDemoTenant(rt.deps)).tenant;
  real.otherKey = (await createEmpresa(rt.deps, { rfc: 'AAA010101AAA', nombre: 'OTRA', regimenFiscal: '601' })).key;
  // One stamped CFDI with a PDF, stored through the port (no worker runs here).
  Object.assign(real, await storeStampedCfdi(rt, demo, { n: 1, pdf: Buffer.from('%PDF-1.7\n%%EOF\n'), serie: 'A', archivoFuente: examples[0] }));
  app = await buildApp(rt.deps, { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  port = (app.server.address() as { port: number }).port;
});

after(async () => {
  await app?.close();
  await rt?.close();
  await sat?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

// ── generators ──────────────────────────────────────────────────────────────

/** Path and query pieces that are legal bytes on the wire but hostile to parsers. */
const NASTY = [
  '', '..', '.', '%2e%2e', '%2E%2E%2F', '%2F', '%5C', '%00', '%', '%zz', '%e', '%C3%A9', '%F0%9F%98%80', '%FF%FE', '%ED%A0%80',
  '__proto__', 'constructor', 'prototype', 'toString', 'null', 'undefined', 'NaN', 'Infinity', '-1', '0', '1e309', '0x10',
  '99999999999999999999', "'", '%22', '%3Cscript%3E', ';', ':', '@', '!', '*', '(', ')', '$', ',', '~', '+', '=', '&',
  '..%2F..%2F..%2Fetc%2Fpasswd', '%252e%252e', 'etc/passwd', 'C:%5Cwindows', '%0d%0aSet-Cookie:x', '%09', '%20',
];

function hex(g: Prng, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[g.int(0, 15)];
  return s;
}

function garbage(g: Prng): string {
  switch (g.int(0, 5)) {
    case 0:
      return g.pick(NASTY);
    case 1:
      return hex(g, g.pick([0, 8, 31, 32, 33, 64]));
    case 2:
      return encodeURIComponent(String.fromCodePoint(...Array.from({ length: g.int(1, 12) }, () => g.pick([g.int(1, 0x7f), g.int(0x80, 0xffff), g.int(0x10000, 0x10ffff)]))).replace(/[\ud800-\udfff]/g, ''));
    case 3:
      return 'a'.repeat(g.pick([101, 1000, 5000]));
    case 4:
      return Array.from({ length: g.int(2, 4) }, () => g.pick(NASTY)).join('');
    default:
      return `${hex(g, 8)}-${hex(g, 4)}-${hex(g, 4)}-${hex(g, 4)}-${hex(g, 12)}`;
  }
}

/**
 * Half the cases are plausible (a real key, known parameters with values of the right
 * kind, one of them possibly wrong) so they reach the code behind the first checks;
 * the other half are hostile throughout.
 */
function paramValue(g: Prng, name: string, hostile: boolean): string {
  if (hostile && g.bool(0.35)) return garbage(g);
  switch (name) {
    case 'keyEmpresa':
      return g.bool(0.85) ? demo.keyEmpresa : real.otherKey;
    case 'idPeticion':
      return g.pick([real.idPeticion, real.idCfdi, demo.idTipoCfd, hex(g, 32), real.idPeticion.toUpperCase()]);
    default:
      return g.pick([real.idPeticion, real.idCfdi, real.uuid, demo.idSucursal, hex(g, 32), '1']);
  }
}

function fecha(g: Prng): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const d = `${g.int(0, 9999)}-${p(g.int(0, 14))}-${p(g.int(0, 33))}`;
  return g.bool(0.3) ? `${d}${g.pick(['T', '%20', 'X'])}${p(g.int(0, 25))}:${p(g.int(0, 61))}:${p(g.int(0, 61))}` : d;
}

function queryValue(g: Prng, name: string, hostile: boolean): string {
  if (hostile && g.bool(0.3)) return garbage(g);
  switch (name) {
    case 'fechaInicial':
    case 'fechaFinal':
      return fecha(g);
    case 'representacion':
      return g.pick(['XML', 'PDF', 'XML_PDF', 'xml', 'ZIP', '']);
    case 'produccion':
      return g.pick(['true', 'false', 'TRUE', '1', '']);
    case 'folioInicial':
    case 'folioFinal':
      return String(g.pick([0, 1, 12, -5, 999999999999999, 1e16]));
    case 'uuid':
      return g.pick([real.uuid, real.uuid.toLowerCase(), uuidOf(g.int(2, 99))]);
    case 'idCfdi':
    case 'despuesDe':
      return g.pick([real.idCfdi, real.idPeticion, hex(g, 32)]);
    case 'serie':
      return g.pick(['A', 'F', 'Z', '']);
    default:
      return garbage(g);
  }
}

function query(g: Prng, r: RouteEntry, hostile: boolean): string {
  const names = [...r.query, 'x', '__proto__', 'constructor', 'a[b]', 'idCfdi[]', ''];
  const parts: string[] = [];
  if (!hostile) {
    // Distinct known parameters; single downloads (idCfdi, uuid) only now and then, so
    // the filters of bulk downloads are reached too.
    const known = r.query.filter((n) => !['idCfdi', 'uuid', 'despuesDe'].includes(n) || g.bool(0.15));
    for (let i = g.int(1, 4); i > 0 && known.length; i--) {
      const n = known.splice(g.int(0, known.length - 1), 1)[0];
      parts.push(`${n}=${queryValue(g, n, false)}`);
    }
    return parts.length ? `?${parts.join('&')}` : '';
  }
  for (let i = g.int(0, 6); i > 0; i--) {
    const n = g.bool(0.8) && r.query.length ? g.pick(r.query) : g.pick(names);
    parts.push(g.bool(0.1) ? n : `${n}=${queryValue(g, n, true)}`);
  }
  return parts.length ? `?${parts.join('&')}` : g.pick(['', '?', '?&&', '?=']);
}

function path(g: Prng, r: RouteEntry, hostile: boolean): string {
  const segs = r.url.split('/').map((s) => {
    if (s.startsWith(':')) return paramValue(g, s.slice(1), hostile);
    if (s === '*') return Array.from({ length: g.int(0, 5) }, () => (!hostile || g.bool(0.6) ? g.pick(['index.html', 'swagger-ui.css', 'favicon-32x32.png', '..', '%2e%2e']) : garbage(g))).join('/');
    return s;
  });
  let p = segs.join('/') || '/';
  if (hostile && g.bool(0.05)) p += '/';
  if (hostile && g.bool(0.03)) p = p.replace(/^\//, '//');
  return p;
}

/** A layout document bent out of shape. */
function mutatedDocument(g: Prng): string {
  let s = g.pick(examples);
  for (let i = g.int(0, 6); i > 0; i--) {
    const at = g.int(0, s.length);
    s = g.bool() ? s.slice(0, at) + g.pick(['|', '\n', '||||', '\u0000', '😀', '\ud800', '99|1|', '05|']) + s.slice(at) : s.slice(0, at) + s.slice(at + g.int(1, 40));
  }
  return s;
}

function jsonValue(g: Prng, depth = 0): unknown {
  switch (g.int(0, depth > 2 ? 4 : 6)) {
    case 0: return null;
    case 1: return g.int(-1e6, 1e6) / g.pick([1, 7]);
    case 2: return g.bool();
    case 3: return decodeURIComponent(g.pick(['', 'x', '%C3%A9', 'a%20b']));
    case 4: return hex(g, g.int(0, 40));
    case 5: return Array.from({ length: g.int(0, 3) }, () => jsonValue(g, depth + 1));
    default: return Object.fromEntries(Array.from({ length: g.int(0, 3) }, () => [g.pick(['a', '__proto__', 'constructor', 'idTipoCfd']), jsonValue(g, depth + 1)]));
  }
}

function body(g: Prng, r: RouteEntry): { text: string; contentType?: string } | undefined {
  const ct = g.pick(['application/json', 'application/json', 'application/json', 'application/json; charset=utf-8', 'text/plain', 'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x', 'application/JSON', 'application/json; charset=latin1', 'application/xml', '*/*', undefined]);
  const fields = r.body.length ? r.body : ['idTipoCfd', 'idSucursal', 'archivoFuente'];
  const envelope = (): Record<string, unknown> => ({ idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: mutatedDocument(g) });
  switch (g.int(0, 9)) {
    case 0: return undefined;
    case 1: return { text: '', contentType: ct };
    case 2: return { text: g.pick(['{', '{"a":', 'null', '[]', '"x"', '12', 'true', '{}', '{"archivoFuente":}', '\u0000', '[[[[[[[[[[[[[[[[[[[[']), contentType: ct };
    case 3: return { text: '['.repeat(g.int(100, 20_000)) + ']'.repeat(g.int(0, 10)), contentType: ct };
    case 4: {
      const e = envelope();
      e[g.pick(fields)] = jsonValue(g);
      return { text: JSON.stringify(e), contentType: ct };
    }
    case 5: {
      const e = envelope();
      delete e[g.pick(fields)];
      return { text: JSON.stringify(e), contentType: ct };
    }
    case 6: return { text: JSON.stringify({ ...envelope(), archivoFuente: 'x'.repeat(g.pick([0, 2 * 1024 * 1024 + 1])) }), contentType: ct };
    case 7: return { text: JSON.stringify(jsonValue(g)), contentType: ct };
    default: return { text: JSON.stringify(envelope()), contentType: ct };
  }
}

interface Case {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

const METHODS = ['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'PATCH', 'OPTIONS'];

function makeCase(index: number, routes: readonly RouteEntry[]): { route: RouteEntry; c: Case } {
  const g = new Prng((SEED ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const route = g.pick(routes);
  const hostile = g.bool();
  const method = !hostile || g.bool(0.85) ? route.method : g.pick(METHODS);
  const headers: Record<string, string> = {};
  let b: string | undefined;
  if (!['GET', 'HEAD'].includes(method) || g.bool(0.05)) {
    const x = body(g, route);
    if (x) {
      b = x.text;
      if (x.contentType) headers['Content-Type'] = x.contentType;
    }
  }
  if (g.bool(0.1)) headers.Range = g.pick(['bytes=0-10', 'bytes=99999999-', 'bytes=-5', 'bytes=5-1', 'bytes=a-b', 'items=0-1', 'bytes=0-1,2-3,4-5']);
  if (g.bool(0.05)) headers['Content-Encoding'] = g.pick(['gzip', 'br', 'identity', 'x']);
  if (g.bool(0.05)) headers.Accept = g.pick(['application/xml', '*/*', 'text/html', '']);
  if (g.bool(0.05)) headers['If-None-Match'] = g.pick(['*', '"x"', 'W/"1"']);
  // Under the 16 KB header limit: beyond it the server must cut the connection, which a
  // client still writing sees as a reset (hardening.test.ts covers that answer).
  return { route, c: { method, path: (path(g, route, hostile) + query(g, route, hostile)).slice(0, 12_000), headers, body: b } };
}

// ── the run ─────────────────────────────────────────────────────────────────

const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });

function send(c: Case): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    // Framing is the client's job: a GET or HEAD body without Content-Length would be read as the next request.
    const headers = c.body === undefined ? c.headers : { ...c.headers, 'Content-Length': String(Buffer.byteLength(c.body)) };
    const req = request({ host: '127.0.0.1', port, method: c.method, path: c.path, headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (x: Buffer) => chunks.push(x));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.setTimeout(HANG_MS, () => req.destroy(new Error(`no answer within ${HANG_MS} ms`)));
    req.on('error', reject);
    req.end(c.body);
  });
}

function describeCase(i: number, c: Case): string {
  const b = c.body === undefined ? '' : `\n  body (${c.body.length} chars): ${JSON.stringify(c.body.slice(0, 300))}`;
  return `case ${i} of CFDI_FUZZ_SEED=${SEED}\n  ${c.method} ${c.path.slice(0, 500)}\n  headers ${JSON.stringify(c.headers)}${b}`;
}

/** Vendor files (the Swagger UI bundle) are served as they are; everything else is ours. */
const VENDOR = /^(application\/javascript|text\/css|image\/|text\/html)/;
const STACK = /\n\s+at \S|\bat (?:\S+ )?\(?(?:\/|file:|node:)[^)\s]*:\d+:\d+/;

function leaks(bodyText: string): string | undefined {
  if (STACK.test(bodyText)) return 'a stack trace';
  for (const p of [repoRoot.replace(/\/$/, ''), dataDir, tmpdir(), '/node_modules/', 'file://', process.env.HOME ?? '/root/']) {
    if (p && p.length > 1 && bodyText.includes(p)) return `the path ${p}`;
  }
  if (/\.(?:ts|js|mjs):\d+/.test(bodyText)) return 'a source location';
  return undefined;
}

test(`fuzz: ${REQUESTS} requests over every registered route (CFDI_FUZZ_SEED=${SEED}): no 5xx, no hang, no stack or path in a body`, async () => {
  const routes = routesOf(app);
  const patterns = new Set(routes.map((r) => `${r.method} ${r.url}`));
  for (const must of ['PUT /:keyEmpresa/cfdisAsync', 'GET /:keyEmpresa/cfdis/:idPeticion', 'GET /:keyEmpresa/descargasCfdiAsync', 'GET /health', 'GET /docs/static/*']) {
    assert.ok(patterns.has(must), `the route list read from fastify lacks ${must}: ${[...patterns].join(', ')}`);
  }
  const perRoute = new Map<string, number>();
  const statuses = new Map<number, number>();
  const failures: string[] = [];
  let next = 0;
  async function lane() {
    while (next < REQUESTS && failures.length < 5) {
      const i = next++;
      const { route, c } = makeCase(i, routes);
      perRoute.set(`${route.method} ${route.url}`, (perRoute.get(`${route.method} ${route.url}`) ?? 0) + 1);
      let r;
      try {
        r = await send(c);
      } catch (e) {
        failures.push(`${describeCase(i, c)}\n  → ${(e as Error).message}`);
        continue;
      }
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status >= 500) failures.push(`${describeCase(i, c)}\n  → ${r.status} ${r.body.toString('utf8').slice(0, 300)}`);
      const type = String(r.headers['content-type'] ?? '');
      if (r.status >= 300 || !VENDOR.test(type)) {
        const leak = leaks(r.body.toString('utf8'));
        if (leak) failures.push(`${describeCase(i, c)}\n  → ${r.status} body shows ${leak}: ${r.body.toString('utf8').slice(0, 300)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, lane));
  agent.destroy();
  assert.deepEqual(failures, [], `\n${failures.join('\n\n')}\n`);
  // Every route was reached, and the fuzz got past the first checks of each (not only 404s).
  for (const p of patterns) assert.ok((perRoute.get(p) ?? 0) >= Math.min(10, REQUESTS / (patterns.size * 4)), `${p} got ${perRoute.get(p) ?? 0} requests`);
  for (const s of [200, 400, 404]) assert.ok((statuses.get(s) ?? 0) > 0, `no ${s} answer at all: ${JSON.stringify([...statuses])}`);
});
