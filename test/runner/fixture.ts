/**
 * Not a *.test.ts file: run only by run-tests.test.ts through scripts/run-tests.mjs.
 * FIXTURE_MODE chooses what it does.
 */
import { test } from 'node:test';

const mode = process.env.FIXTURE_MODE;
test('passes', () => undefined);
if (mode === 'oracle-skip') test('needs xmllint', (t) => t.skip('xmllint not installed (apt-get install libxml2-utils)'));
if (mode === 'shared-skip') test('needs the SAT files', (t) => t.skip('../shared not found: /nowhere/shared'));
if (mode === 'suite-skip') test('PostgreSQL contract', { skip: 'CFDI_TEST_PG_URL is not set: PostgreSQL contract skipped' }, () => undefined);
if (mode === 'hang') test('never ends', () => new Promise(() => setInterval(() => undefined, 1_000)));
