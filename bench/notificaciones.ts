/**
 * `npm run bench -- notificaciones [N]`: how fast the delivery runner empties the outbox on
 * loopback, one runner (this thread, CFDI_DELIVERY_CONCURRENCY loops) on SQLite:
 * N e-mails of one stamped CFDI (XML + PDF attached) to a real SMTP server, and N signed
 * webhook calls to an HTTP receiver.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { pino } from 'pino';
import { loadConfig } from '../src/config/config.ts';
import { openRuntime } from '../src/main/runtime.ts';
import { ensureDemoTenant } from '../src/invoicing/demo.ts';
import { submitPeticion } from '../src/invoicing/submit.ts';
import { newCaches, processPeticion } from '../src/invoicing/process.ts';
import { setSmtp, reenviarCorreo } from '../src/notificaciones/correo/admin.ts';
import { addWebhook } from '../src/notificaciones/webhooks/admin.ts';
import { startRunner } from '../src/notificaciones/entregas/runner.ts';
import { startSmtpSink } from '../test/notificaciones/servers.ts';

export async function run(argv: string[]): Promise<void> {
  const n = Number(argv.find((a) => /^\d+$/.test(a)) ?? 500);
  const json = argv.includes('--json');
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-bench-notif-'));
  const config = loadConfig({}, { CFDI_DATA_DIR: dir, CFDI_WEBHOOK_ALLOW_NETWORKS: 'loopback', CFDI_DELIVERY_PER_EMPRESA: '64' });
  const rt = await openRuntime(config, { log: pino({ level: 'silent' }) });
  const sink = await startSmtpSink();
  let hits = 0;
  const receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  try {
    const { tenant } = await ensureDemoTenant(rt.deps);
    const empresa = (await rt.store.getEmpresaByKey(tenant.keyEmpresa))!;
    const { idPeticion } = await submitPeticion(rt.deps, tenant.keyEmpresa, { idTipoCfd: tenant.idTipoCfd, idSucursal: tenant.idSucursal, archivoFuente: tenant.archivoFuente });
    const peticionId = rt.deps.ids.decode('peticion', idPeticion)!;
    await processPeticion(rt.deps, newCaches(), peticionId);
    const cfdiId = (await rt.store.getPeticion(peticionId))!.cfdiId!;
    await setSmtp(rt.notificaciones, empresa, { host: '127.0.0.1', port: sink.port, tls: 'none', fromAddress: 'f@bench.example' });
    const nd = rt.notificaciones;

    const measure = async (label: string, queue: () => Promise<void>, done: () => boolean) => {
      await queue();
      const runner = startRunner(nd, { concurrency: config.notificaciones.concurrency, leaseMs: 30_000, idleMs: 50 });
      const t0 = performance.now();
      while (!done()) await new Promise((r) => setTimeout(r, 5));
      const s = (performance.now() - t0) / 1000;
      await runner.stop();
      return { label, n, seconds: Number(s.toFixed(2)), perSecond: Math.round(n / s) };
    };
    const results = [];
    results.push(await measure('e-mails (XML+PDF) to SMTP on loopback', async () => {
      for (let i = 0; i < n; i++) await reenviarCorreo(nd, cfdiId, ['r@bench.example']);
    }, () => sink.messages.length >= n));
    const w = await addWebhook(nd, empresa, `http://127.0.0.1:${(receiver.address() as { port: number }).port}/h`, '*');
    results.push(await measure('signed webhook calls on loopback', async () => {
      for (let i = 0; i < n; i++) {
        const publicId = randomUUID();
        await nd.notificaciones.publicar(
          { publicId, clave: publicId, empresaId: empresa.id, tipo: 'peticion.error', payload: JSON.stringify({ idEvento: publicId, errors: ['x'] }), createdAt: new Date().toISOString() },
          [{ publicId: randomUUID(), canal: 'webhook', empresaId: empresa.id, webhookId: w.webhook.id, destino: w.webhook.url, datos: {}, ventanaMs: 86_400_000, createdAt: new Date().toISOString() }],
        );
      }
    }, () => hits >= n));
    if (json) console.log(JSON.stringify(results));
    else for (const r of results) console.log(`${r.label}: ${r.n} in ${r.seconds} s = ${r.perSecond}/s (${config.notificaciones.concurrency} loops, one thread)`);
  } finally {
    receiver.close();
    await sink.close();
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
