/**
 * Preloaded (`node --import`) into server processes by the benchmarks, never by the
 * service: counts the database work of every JavaScript thread — each better-sqlite3
 * statement execution and each node-postgres query (one round trip to the server), with
 * the wall time spent in it, keyed by the first words of its SQL. Worker threads inherit
 * the preload through execArgv. Every 250 ms (and at exit) each thread overwrites
 * $CFDI_BENCH_CLOCK_DIR/db.<pid>.<threadId>.json with its running totals, so the bench
 * can take the difference between two moments (bench/lib/db-split.ts).
 */
import { createRequire } from 'node:module';
import { renameSync, writeFileSync } from 'node:fs';
import { threadId } from 'node:worker_threads';

const dir = process.env.CFDI_BENCH_CLOCK_DIR;
if (dir) {
  const require = createRequire(`${process.cwd()}/package.json`);
  /** sql key → [calls, wall µs] */
  const totals = new Map();
  let dirty = false;
  const key = (kind, sql) => `${kind} ${String(sql).replace(/\s+/g, ' ').trim().slice(0, 90)}`;
  const add = (k, us) => {
    let t = totals.get(k);
    if (!t) totals.set(k, (t = [0, 0]));
    t[0]++;
    t[1] += us;
    dirty = true;
  };
  const nowUs = () => Number(process.hrtime.bigint() / 1000n);

  try {
    const Database = require('better-sqlite3');
    const probe = new Database(':memory:');
    const Statement = Object.getPrototypeOf(probe.prepare('SELECT 1'));
    probe.close();
    for (const m of ['run', 'get', 'all', 'iterate']) {
      const orig = Statement[m];
      Statement[m] = function (...args) {
        const t = nowUs();
        try {
          return orig.apply(this, args);
        } finally {
          add(key('sqlite', this.source), nowUs() - t);
        }
      };
    }
    for (const m of ['exec', 'pragma']) {
      const orig = Database.prototype[m];
      Database.prototype[m] = function (sql, ...rest) {
        const t = nowUs();
        try {
          return orig.call(this, sql, ...rest);
        } finally {
          add(key(`sqlite-${m}`, sql), nowUs() - t);
        }
      };
    }
    // A transaction's BEGIN and COMMIT (the fsync) run inside better-sqlite3: counted once per call.
    const origTx = Database.prototype.transaction;
    Database.prototype.transaction = function (fn) {
      const tx = origTx.call(this, fn);
      const wrap = (f) => function (...args) {
        const t = nowUs();
        try {
          return f.apply(this, args);
        } finally {
          add('sqlite-transaction (whole, statements included)', nowUs() - t);
        }
      };
      const wrapped = wrap(tx);
      for (const v of ['deferred', 'immediate', 'exclusive']) wrapped[v] = wrap(tx[v]);
      wrapped.default = wrapped;
      return wrapped;
    };
  } catch {
    // better-sqlite3 absent: nothing to count
  }
  try {
    const pg = require('pg');
    const orig = pg.Client.prototype.query;
    pg.Client.prototype.query = function (config, values, callback) {
      const text = typeof config === 'string' ? config : config?.text;
      const t = nowUs();
      const k = key('pg', text);
      const done = () => add(k, nowUs() - t);
      // pg.Pool passes a callback (as the last argument); direct callers get a promise.
      if (typeof values === 'function') {
        const cb = values;
        values = function (...a) { done(); return cb.apply(this, a); };
      } else if (typeof callback === 'function') {
        const cb = callback;
        callback = function (...a) { done(); return cb.apply(this, a); };
      }
      const r = orig.call(this, config, values, callback);
      if (r && typeof r.then === 'function') r.then(done, done);
      else if (typeof config?.on === 'function' && typeof values !== 'function' && typeof callback !== 'function') config.on('end', done);
      return r;
    };
  } catch {
    // pg absent
  }

  const file = `${dir}/db.${process.pid}.${threadId}.json`;
  const flush = () => {
    if (!dirty) return;
    dirty = false;
    // Whole or not at all: the bench may read it at any moment.
    writeFileSync(`${file}.tmp`, JSON.stringify(Object.fromEntries(totals)));
    renameSync(`${file}.tmp`, file);
  };
  setInterval(flush, 250).unref();
  process.on('exit', flush);
}
