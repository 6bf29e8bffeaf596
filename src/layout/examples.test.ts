import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Rule } from '../rules/rule.ts';
import { getConnector } from './registry.ts';
import { legacyFacturaDefaults } from './xsa/defaults.ts';
import { testContext } from './testing.ts';
import { completeComprobante } from '../cfdi/amounts/complete.ts';
import { monedaDecimales } from '../catalogs/index.ts';
import * as cfdi40 from '../rules/cfdi40/index.ts';
import { CRP20_RULES } from '../rules/crp20/index.ts';

// The examples are meant to be stamped as they are by the demo tenant (EKU9003173C9,
// régimen 601, LugarExpedicion 42501): completed by the amounts engine, they must
// pass every SAT rule; the seed's example must fail with CFDI40108, as the seed says.
const dir = fileURLToPath(new URL('../../examples/', import.meta.url));
const rules = Object.values(cfdi40)
  .flatMap((v) => (Array.isArray(v) ? v : [v]))
  .filter((r): r is Rule => typeof (r as Rule)?.check === 'function')
  // Payment receipts (examples/pago-*) are judged by the Pagos 2.0 matrix too.
  .concat(CRP20_RULES);

async function findings(file: string) {
  const connector = getConnector(file.endsWith('.json') ? 'json' : 'xsa')!;
  const r = await connector.parse(readFileSync(dir + file, 'utf8'), testContext({ defaults: legacyFacturaDefaults }));
  if (!r.ok) assert.fail(`${file}: ${r.errors.map((e) => e.message).join('\n')}`);
  const c = completeComprobante(
    {
      ...r.draft,
      Fecha: r.draft.Fecha ?? '2026-11-23T12:00:00',
      LugarExpedicion: '42501',
      Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    },
    { monedaDecimales },
  );
  const ctx = { catalogs: new Map(), loadedCatalogs: new Set<string>() };
  return rules.flatMap((rule) => rule.check(c, ctx)).filter((f) => f.status === 'error');
}

test('every example but the seed passes every SAT rule once completed', async () => {
  assert.ok(rules.length > 50, `only ${rules.length} rules found`);
  const files = readdirSync(dir).filter((f) => /\.(txt|json)$/.test(f) && f !== 'seed-example.txt');
  assert.ok(files.length >= 6);
  for (const f of files) assert.deepEqual((await findings(f)).map((x) => `${x.code} ${x.attribute} ${x.value} ${x.detail ?? ''}`), [], f);
});

test("the seed's example ends with CFDI40108 (declared SubTotal 99.09)", async () => {
  const errors = await findings('seed-example.txt');
  const e = errors.find((x) => x.code === 'CFDI40108');
  assert.ok(e, JSON.stringify(errors.map((x) => x.code)));
  assert.equal(e.value, '99.09');
});
