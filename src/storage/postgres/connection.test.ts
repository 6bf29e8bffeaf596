import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { clientConfig, jobsChannel, openPool, resolveTarget, withTransaction } from './connection.ts';

test('the schema comes from the option, else from the URL parameter, which pg never sees', () => {
  assert.deepEqual(resolveTarget({ url: 'postgres://u@h:5432/db?schema=cfdi&sslmode=require' }),
    { url: 'postgres://u@h:5432/db?sslmode=require', schema: 'cfdi', options: undefined });
  assert.deepEqual(resolveTarget({ url: 'postgres://u@h/db?schema=cfdi', schema: 'other' }), { url: 'postgres://u@h/db', schema: 'other', options: undefined });
  assert.deepEqual(resolveTarget({ url: 'postgres://u@h/db' }), { url: 'postgres://u@h/db', schema: undefined, options: undefined });
  assert.throws(() => resolveTarget({ url: 'postgres://u@h/db?schema=x;drop' }), RangeError);
});

test('sessions use the schema through search_path; each schema has its own NOTIFY channel', () => {
  const c = clientConfig({ url: 'postgres://u@h/db?schema=cfdi' }, 'test');
  assert.equal(c.connectionString, 'postgres://u@h/db');
  assert.equal(c.options, '-c search_path=cfdi');
  assert.equal(clientConfig({ url: 'postgres://u@h/db' }, 'test').options, undefined);
  // Server settings in the URL are kept beside the search_path, not lost to it.
  const withOptions = clientConfig({ url: 'postgres://u@h/db?schema=cfdi&options=-c%20synchronous_commit%3Doff' }, 'test');
  assert.equal(withOptions.options, '-c search_path=cfdi -c synchronous_commit=off');
  assert.equal(withOptions.connectionString, 'postgres://u@h/db');
  // An adapter's own session settings come before the URL's, which may override them.
  assert.equal(clientConfig({ url: 'postgres://u@h/db?schema=cfdi&options=-c%20synchronous_commit%3Don' }, 'test', '-c synchronous_commit=off').options,
    '-c search_path=cfdi -c synchronous_commit=off -c synchronous_commit=on');
  assert.equal(jobsChannel(undefined), 'cfdi_jobs');
  assert.equal(jobsChannel('cfdi'), 'cfdi_jobs_cfdi');
});

const PG_URL = process.env.CFDI_TEST_PG_URL;

test('statements with parameters are prepared once per session; a table changed by a migration elsewhere does not break them', {
  skip: PG_URL ? undefined : 'CFDI_TEST_PG_URL is not set',
}, async () => {
  const schema = `cfdi_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}; CREATE TABLE ${schema}.t (id int PRIMARY KEY, a text); INSERT INTO ${schema}.t VALUES (1, 'uno')`);
  const pool = openPool({ url: PG_URL!, schema, poolSize: 1 }, 'test');
  try {
    const read = 'SELECT * FROM t WHERE id = $1';
    assert.deepEqual((await pool.query(read, [1])).rows, [{ id: 1, a: 'uno' }]);
    const prepared = await pool.query('SELECT statement FROM pg_prepared_statements WHERE statement = $1', [read]);
    assert.equal(prepared.rows.length, 1, 'the session keeps it prepared');

    // Another process migrates: the session's prepared plan no longer fits the table.
    await admin.query(`ALTER TABLE ${schema}.t ADD COLUMN b text DEFAULT 'x'`);
    assert.deepEqual((await pool.query(read, [1])).rows, [{ id: 1, a: 'uno', b: 'x' }]);
    await admin.query(`ALTER TABLE ${schema}.t ADD COLUMN c int DEFAULT 3`);
    const inTx = await withTransaction(pool, async (c) => (await c.query(read, [1])).rows);
    assert.deepEqual(inTx, [{ id: 1, a: 'uno', b: 'x', c: 3 }]);
  } finally {
    await pool.end();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});
