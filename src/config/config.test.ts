import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig, ConfigError } from './config.ts';

test('defaults: HTTPS on 9050, SQLite in ./data, frozen', () => {
  const c = loadConfig({});
  assert.equal(c.port, 9050);
  assert.equal(c.tls.enabled, true);
  assert.equal(c.dataDir, resolve('./data'));
  assert.equal(c.databaseUrl, `sqlite:${resolve('./data/cfdi.sqlite')}`);
  assert.equal(c.requestTtlDays, 30);
  assert.ok(Object.isFrozen(c) && Object.isFrozen(c.tls));
  assert.throws(() => {
    (c as { port: number }).port = 1;
  }, TypeError);
});

test('environment beats the config file, which beats defaults', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cfg-'));
  const file = join(dir, 'c.json');
  writeFileSync(file, JSON.stringify({ CFDI_PORT: '8443', CFDI_TLS: 'off', CFDI_WORKERS: '3' }));
  const c = loadConfig({ CFDI_CONFIG_FILE: file, CFDI_WORKERS: '1' });
  assert.equal(c.port, 8443);
  assert.equal(c.tls.enabled, false);
  assert.equal(c.workers, 1);
});

test('every problem is reported at once, by name', () => {
  try {
    loadConfig({ CFDI_PORT: 'abc', CFDI_TLS: 'maybe', CFDI_SECRET: 'short', CFDI_DATABASE_URL: 'mysql://x', CFDI_TLS_CERT: '/x' });
    assert.fail('expected ConfigError');
  } catch (e) {
    assert.ok(e instanceof ConfigError);
    for (const k of ['CFDI_PORT', 'CFDI_TLS must', 'CFDI_SECRET', 'CFDI_DATABASE_URL', 'CFDI_TLS_KEY']) assert.match(e.message, new RegExp(k));
  }
});

test('CFDI_SYNC_WAIT_MS: 30 s by default, 0 to 10 minutes (issue 14)', () => {
  assert.equal(loadConfig({}).syncWaitMs, 30_000);
  assert.equal(loadConfig({ CFDI_SYNC_WAIT_MS: '0' }).syncWaitMs, 0);
  assert.throws(() => loadConfig({ CFDI_SYNC_WAIT_MS: '600001' }), /CFDI_SYNC_WAIT_MS must be an integer from 0 to 600000/);
});

test('limits: per-keyEmpresa rate on by default, 0 turns it off; bulk downloads bounded; out of range is an error', () => {
  assert.deepEqual({ ...loadConfig({}).limits }, { perSecond: 100, burst: 300, bulkDownloads: 2 });
  assert.equal(loadConfig({ CFDI_RATE_LIMIT_PER_SECOND: '0' }).limits.perSecond, 0);
  assert.ok(Object.isFrozen(loadConfig({}).limits));
  assert.throws(() => loadConfig({ CFDI_RATE_LIMIT_BURST: '0', CFDI_MAX_BULK_DOWNLOADS: '0', CFDI_RATE_LIMIT_PER_SECOND: '-1' }), (e: Error) =>
    ['CFDI_RATE_LIMIT_BURST', 'CFDI_MAX_BULK_DOWNLOADS', 'CFDI_RATE_LIMIT_PER_SECOND'].every((k) => e.message.includes(k)));
});

test('PAC calls (issue 11): timeouts and the SAT URL read and validated', () => {
  const c = loadConfig({ CFDI_PAC_CONNECT_TIMEOUT_MS: '2500', CFDI_PAC_TIMEOUT_MS: '30000', CFDI_SAT_ESTADO_URL: 'https://pruebacfdiconsultaqr.cloudapp.net/ConsultaCFDIService.svc' });
  assert.deepEqual(c.pac, { connectTimeoutMs: 2500, timeoutMs: 30000, recoveryAttempts: 5, recoveryPauseMs: 500, retryCapMs: 300_000,
    satEstadoUrl: 'https://pruebacfdiconsultaqr.cloudapp.net/ConsultaCFDIService.svc' });
  assert.throws(() => loadConfig({ CFDI_PAC_CONNECT_TIMEOUT_MS: '9000', CFDI_PAC_TIMEOUT_MS: '5000' }), /CFDI_PAC_CONNECT_TIMEOUT_MS must not exceed/);
  assert.throws(() => loadConfig({ CFDI_SAT_ESTADO_URL: 'ftp://sat' }), /CFDI_SAT_ESTADO_URL must be an http\(s\) URL/);
});

test('/metrics protection: CFDI_METRICS_TOKEN and CFDI_METRICS_BIND (issue 16)', () => {
  assert.deepEqual(loadConfig({}).metrics, { token: undefined, bind: undefined });
  const c = loadConfig({ CFDI_METRICS_TOKEN: 'a-long-metrics-token', CFDI_METRICS_BIND: '127.0.0.1:9464' });
  assert.deepEqual(c.metrics, { token: 'a-long-metrics-token', bind: { host: '127.0.0.1', port: 9464 } });
  assert.deepEqual(loadConfig({ CFDI_METRICS_BIND: '[::1]:0' }).metrics.bind, { host: '::1', port: 0 });
  assert.throws(() => loadConfig({ CFDI_METRICS_TOKEN: 'short', CFDI_METRICS_BIND: '9464' }), (e: Error) =>
    e instanceof ConfigError && /CFDI_METRICS_TOKEN must have at least 16/.test(e.message) && /CFDI_METRICS_BIND must be host:port/.test(e.message));
  assert.throws(() => loadConfig({ CFDI_METRICS_BIND: 'localhost:70000' }), /CFDI_METRICS_BIND/);
});

test('CFDI_WORKER_NICE: worker threads 5 nice levels below the API by default, 0 to 19 (issue 17)', () => {
  assert.equal(loadConfig({}).workerNice, 5);
  assert.equal(loadConfig({ CFDI_WORKER_NICE: '0' }).workerNice, 0);
  assert.throws(() => loadConfig({ CFDI_WORKER_NICE: '20' }), /CFDI_WORKER_NICE must be an integer from 0 to 19/);
  assert.throws(() => loadConfig({ CFDI_WORKER_NICE: '-1' }), /CFDI_WORKER_NICE must be an integer from 0 to 19/);
});

test('CFDI_SQLITE_CHECKPOINT: background by default, inline on request, anything else an error (issue 17)', () => {
  assert.equal(loadConfig({}).sqliteCheckpoint, 'background');
  assert.equal(loadConfig({ CFDI_SQLITE_CHECKPOINT: 'inline' }).sqliteCheckpoint, 'inline');
  assert.throws(() => loadConfig({ CFDI_SQLITE_CHECKPOINT: 'never' }), /CFDI_SQLITE_CHECKPOINT must be one of "background", "inline" \(got "never"\)/);
});

test('CFDI_WORKER_OLD_GENERATION_MB: 512 by default, an integer from 128 to 65536', () => {
  assert.equal(loadConfig({}).workerOldGenerationMb, 512);
  assert.equal(loadConfig({ CFDI_WORKER_OLD_GENERATION_MB: '2048' }).workerOldGenerationMb, 2048);
  for (const bad of ['127', '65537', '300.5', 'big']) {
    assert.throws(() => loadConfig({ CFDI_WORKER_OLD_GENERATION_MB: bad }), /CFDI_WORKER_OLD_GENERATION_MB must be an integer from 128 to 65536/);
  }
});

test('CFDI_WORKER_YOUNG_GENERATION_MB: 12 by default, an integer from 3 to 1024', () => {
  assert.equal(loadConfig({}).workerYoungGenerationMb, 12);
  assert.equal(loadConfig({ CFDI_WORKER_YOUNG_GENERATION_MB: '48' }).workerYoungGenerationMb, 48);
  for (const bad of ['2', '1025', '8.5', 'big']) {
    assert.throws(() => loadConfig({ CFDI_WORKER_YOUNG_GENERATION_MB: bad }), /CFDI_WORKER_YOUNG_GENERATION_MB must be an integer from 3 to 1024/);
  }
});
