import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientConfig, jobsChannel, resolveTarget } from './connection.ts';

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
