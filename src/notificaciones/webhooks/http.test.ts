import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { checkWebhookUrl, postJson, RESPONSE_PREFIX_BYTES } from './http.ts';
import { parseAllowedNetworks, PUBLIC_ONLY } from './red.ts';

let server: Server;
let base = '';
const hits: string[] = [];
before(async () => {
  server = createServer((req, res) => {
    hits.push(req.url!);
    req.resume();
    if (req.url === '/redirect') res.writeHead(302, { location: '/target' }).end();
    else if (req.url === '/endless') {
      // An answer that never ends: only its first bytes may be read.
      res.writeHead(200);
      const tick = setInterval(() => res.write('x'.repeat(100)), 5);
      res.on('close', () => clearInterval(tick));
    }
    else if (req.url === '/slow') setTimeout(() => res.writeHead(200).end(), 5_000).unref();
    else res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});
const loopback = parseAllowedNetworks(['loopback']);

test('a loopback receiver is refused by default, without any connection', async () => {
  const before = hits.length;
  const r = await postJson(`${base}/x`, '{}', {}, { timeoutMs: 2_000, policy: PUBLIC_ONLY });
  assert.equal(r.refused, true);
  assert.equal(r.status, undefined);
  assert.match(r.error!, /loopback/);
  assert.equal(hits.length, before, 'nothing reached the server');
  const viaName = await postJson(`${base.replace('127.0.0.1', 'localhost')}/x`, '{}', {}, { timeoutMs: 2_000, policy: PUBLIC_ONLY });
  assert.equal(viaName.refused, true);
  assert.equal(hits.length, before);
});

test('redirects are not followed; only a prefix of an endless answer is read; a slow one times out', async () => {
  const r = await postJson(`${base}/redirect`, '{}', {}, { timeoutMs: 2_000, policy: loopback });
  assert.equal(r.status, 302);
  assert.ok(!hits.includes('/target'));
  const big = await postJson(`${base}/endless`, '{}', {}, { timeoutMs: 5_000, policy: loopback });
  assert.equal(big.status, 200, big.error);
  assert.equal(big.bodyPrefix.length, RESPONSE_PREFIX_BYTES);
  const slow = await postJson(`${base}/slow`, '{}', {}, { timeoutMs: 200, policy: loopback });
  assert.equal(slow.status, undefined);
  assert.match(slow.error!, /no answer within 200 ms/);
  assert.equal(slow.refused, undefined);
});

test('registration: https only to public hosts, no credentials, and SSRF tricks refused', async () => {
  const publicResolver = async () => [{ address: '93.184.216.34', family: 4 }];
  assert.equal((await checkWebhookUrl('https://erp.example/h', PUBLIC_ONLY, publicResolver)).hostname, 'erp.example');
  await assert.rejects(checkWebhookUrl('http://erp.example/h', PUBLIC_ONLY, publicResolver), /use https/);
  await assert.rejects(checkWebhookUrl('https://u:p@erp.example/h', PUBLIC_ONLY, publicResolver), /credentials/);
  await assert.rejects(checkWebhookUrl('ftp://erp.example/h', PUBLIC_ONLY, publicResolver), /https/);
  for (const u of ['https://127.0.0.1/', 'https://[::1]/', 'https://2130706433/', 'https://0x7f.1/', 'https://[::ffff:127.0.0.1]/', 'https://169.254.169.254/latest', 'https://0.0.0.0/']) {
    await assert.rejects(checkWebhookUrl(u, PUBLIC_ONLY, publicResolver), /loopback|link-local/, u);
  }
  // Allowed internal networks may use plain http.
  assert.ok(await checkWebhookUrl(`${base}/h`, loopback));
});
