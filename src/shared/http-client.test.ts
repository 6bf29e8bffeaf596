/** The remote-call helper on loopback: each way of getting no (complete) answer is its own TransportError. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { httpCall, TransportError } from './http-client.ts';

const timeouts = { connectMs: 1_000, totalMs: 400 };
const kind = (k: string) => (e: unknown) => e instanceof TransportError && e.kind === k;

test('an answer; a hang past the total timeout; a cut answer; a too large one; a refused connection', async () => {
  const server = createServer((req, res) => {
    if (req.url === '/ok') return res.writeHead(201, { 'X-A': 'b' }).end('ñ');
    if (req.url === '/cut') {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('partial');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    if (req.url === '/big') return res.writeHead(200).end(Buffer.alloc(2048));
    // /hang: never answers
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  try {
    const ok = await httpCall(`${base}/ok`, { method: 'POST', body: 'x', timeouts });
    assert.deepEqual([ok.status, ok.body, ok.headers['x-a']], [201, 'ñ', 'b']);
    await assert.rejects(httpCall(`${base}/hang`, { method: 'GET', timeouts }), kind('timeout'));
    await assert.rejects(httpCall(`${base}/cut`, { method: 'GET', timeouts }), kind('reset'));
    await assert.rejects(httpCall(`${base}/big`, { method: 'GET', timeouts, maxBytes: 1024 }), kind('too-large'));
  } finally {
    server.closeAllConnections();
    server.close();
  }
  // A port nobody listens on.
  const tcp = createTcpServer();
  await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', () => r()));
  const port = (tcp.address() as { port: number }).port;
  await new Promise<void>((r) => tcp.close(() => r()));
  await assert.rejects(httpCall(`http://127.0.0.1:${port}/`, { method: 'GET', timeouts }), kind('connect'));
});
