/**
 * Deliveries survive kill -9: a `cfdi-async worker` process is SIGKILLed in the middle of a
 * webhook call (the receiver holds the first request); a second worker process picks the
 * delivery up when its lease expires and delivers it, with the same event id and body.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime } from '../../src/main/runtime.ts';
import { ensureDemoTenant } from '../../src/invoicing/demo.ts';
import { addWebhook } from '../../src/notificaciones/webhooks/admin.ts';
import { spawnCli } from '../../bench/lib/processes.ts';
import { documentedVerifier, eventually } from './servers.ts';
import { pino } from 'pino';

const dir = mkdtempSync(join(tmpdir(), 'cfdi-kill-'));
const procs = new Set<ChildProcess>();
after(() => {
  for (const p of procs) p.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

test('a worker killed with SIGKILL during a delivery: another worker delivers it after the lease', { timeout: 180_000 }, async () => {
  const env = {
    CFDI_DATA_DIR: dir, CFDI_LOG_LEVEL: 'error', CFDI_WORKERS: '1', CFDI_LEASE_MS: '1000', CFDI_SECRET: 'kill-test-secret-0123456789abcdef0123456789',
    CFDI_WEBHOOK_ALLOW_NETWORKS: 'loopback', CFDI_WEBHOOK_TIMEOUT_MS: '120000',
  };
  const held: ServerResponse[] = [];
  const calls: Array<{ body: string; signature: string; evento: string }> = [];
  const receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      calls.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-cfdi-firma']), evento: String(req.headers['x-cfdi-evento']) });
      if (calls.length === 1) held.push(res); // the first call never gets an answer
      else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  try {
    const rt = await openRuntime(loadConfig({}, env), { log: pino({ level: 'silent' }) });
    let secret: string;
    let publicId: string;
    try {
      const { tenant } = await ensureDemoTenant(rt.deps);
      const empresa = (await rt.store.getEmpresaByKey(tenant.keyEmpresa))!;
      const w = await addWebhook(rt.notificaciones, empresa, `http://127.0.0.1:${(receiver.address() as { port: number }).port}/h`, '*');
      secret = w.secret;
      publicId = randomUUID();
      const payload = JSON.stringify({ idEvento: publicId, tipoEvento: 'peticion.error', fechaEvento: new Date().toISOString(), idPeticion: 'x', errors: ['e'] });
      await rt.notificaciones.notificaciones.publicar(
        { publicId, clave: `test:${publicId}`, empresaId: empresa.id, tipo: 'peticion.error', payload, createdAt: new Date().toISOString() },
        [{ publicId: randomUUID(), canal: 'webhook', empresaId: empresa.id, webhookId: w.webhook.id, destino: w.webhook.url, datos: {}, ventanaMs: 86_400_000, createdAt: new Date().toISOString() }],
      );
    } finally {
      await rt.close();
    }

    const first = spawnCli(['worker'], { ...process.env, ...env });
    procs.add(first);
    await eventually('the first call, held by the receiver', () => calls.length === 1, 120_000);
    first.kill('SIGKILL');
    await new Promise((r) => first.once('exit', r));
    procs.delete(first);

    const second = spawnCli(['worker'], { ...process.env, ...env });
    procs.add(second);
    await eventually('the delivery again, from the second worker', () => calls.length >= 2, 120_000);
    const verify = await documentedVerifier();
    assert.equal(calls[1].evento, publicId!);
    assert.equal(calls[1].body, calls[0].body, 'the same body');
    assert.ok(verify(secret!, calls[1].signature, calls[1].body));

    const check = await openRuntime(loadConfig({}, env), { log: pino({ level: 'silent' }) });
    try {
      const n = check.notificaciones.notificaciones;
      const ev = (await n.getEvento(publicId!))!;
      const e = await eventually('delivered on record', async () => {
        const [x] = await n.listEntregas({ eventoId: ev.id, limit: 1 });
        return x.estado === 'entregada' && x;
      }, 30_000);
      assert.equal(e.intentos, 2, 'the killed attempt counts');
      const registro = await n.listIntentos(e.id);
      assert.deepEqual(registro.map((i) => [i.numero, i.ok, i.detalle]), [[2, true, 'HTTP 204']]);
    } finally {
      await check.close();
    }
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
    procs.delete(second);
  } finally {
    for (const r of held) r.destroy();
    receiver.closeAllConnections();
    receiver.close();
  }
});
