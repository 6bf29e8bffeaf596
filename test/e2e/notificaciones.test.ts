/**
 * E-mail and webhooks end to end: HTTPS on loopback, the real pipeline in a worker thread,
 * a real SMTP server (smtp-server) and an HTTP receiver on loopback.
 *
 * - record 09 → the message the SMTP server received: envelope, UTF-8 headers, body, both
 *   attachments byte-identical to the download endpoint; the GET answer's `correos`;
 * - the SMTP server down during 200 requests → every CFDI ALMACENADO without a single
 *   pipeline retry, and every message delivered exactly once when it comes back;
 * - a webhook receiver that fails, times out, then recovers → every event delivered, each
 *   signature verified with the snippet of docs/webhooks.md; a synthetic cancellation
 *   event; re-delivery by id with the same event id.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startTestServer, submit, waitFinal, type TestServer } from './helpers.ts';
import { DEMO_DOCUMENT } from '../../src/invoicing/demo.ts';
import { reenviarCorreo, setSmtp } from '../../src/notificaciones/correo/admin.ts';
import { addWebhook, redeliver } from '../../src/notificaciones/webhooks/admin.ts';
import { deadPort, documentedVerifier, eventually, startSmtpSink, type SmtpSink, type Verify } from '../notificaciones/servers.ts';

let s: TestServer;
let sink: SmtpSink;
let verify: Verify;

/** The demo document with a record 09 before its trailer (the trailer counts it). */
function with09(record: string, doc = DEMO_DOCUMENT): string {
  const lines = doc.split('\n');
  const trailer = lines.pop()!;
  const n = Number(/\|99\|(\d+)\|/.exec(trailer)![1]) + 1;
  return [...lines, record, `|99|${n}|`].join('\n');
}

before(async () => {
  verify = await documentedVerifier();
  s = await startTestServer({
    CFDI_DELIVERY_BACKOFF_BASE_MS: '200',
    CFDI_DELIVERY_BACKOFF_CAP_MS: '800',
    CFDI_WEBHOOK_TIMEOUT_MS: '700',
    CFDI_WEBHOOK_ALLOW_NETWORKS: 'loopback',
    CFDI_SMTP_TIMEOUT_MS: '5000',
    CFDI_LOG_LEVEL: 'error',
  });
  sink = await startSmtpSink({ user: 'facturas', password: 'contraseña-smtp-ñ' });
});
after(async () => {
  await s?.close();
  await sink?.close();
});

const nd = () => s.server.runtime.notificaciones;
const demoEmpresa = async () => (await s.server.runtime.store.getEmpresaByKey(s.demo.keyEmpresa))!;

async function useSmtp(port: number) {
  await setSmtp(nd(), await demoEmpresa(), {
    host: '127.0.0.1', port, tls: 'none', user: 'facturas', password: 'contraseña-smtp-ñ',
    fromAddress: 'facturas@kemper.example', fromName: 'Escuela Kemper Urgate – Facturación', replyTo: 'cobranza@kemper.example',
  });
}

async function download(path: string): Promise<Buffer> {
  const r = await s.fetch('GET', path);
  assert.equal(r.status, 200, path);
  return r.body;
}

describe('e-mail of record 09', () => {
  test('one message per CFDI: envelope, UTF-8 subject and names, body, XML and PDF byte-identical to the downloads', async () => {
    await useSmtp(sink.port);
    const before = sink.messages.length;
    const id = await submit(s, with09('|09|URE180429TM6|pagos@robotica.example; contabilidad@robotica.example|Su factura de lápices ✏️ — ÑANDÚ|Adjuntamos su CFDI. Gracias por su preferencia.|1|'));
    const final = await waitFinal(s, id);
    assert.equal(final.status, 200, final.body.toString());
    const body = final.json();
    await eventually('the message', () => sink.messages.length > before);
    const got = sink.messages[before];
    assert.equal(got.user, 'facturas', 'logged in with the stored (encrypted) password');
    assert.equal(got.from, 'facturas@kemper.example');
    assert.deepEqual(got.to.sort(), ['contabilidad@robotica.example', 'pagos@robotica.example']);
    const m = await sink.parse(before);
    assert.equal(m.subject, 'Su factura de lápices ✏️ — ÑANDÚ');
    assert.match(got.raw.toString('latin1'), /^Subject: =\?UTF-8\?/m, 'the subject is encoded (RFC 2047), not raw 8-bit');
    assert.deepEqual(m.from?.value, [{ name: 'Escuela Kemper Urgate – Facturación', address: 'facturas@kemper.example' }]);
    const to = (Array.isArray(m.to) ? m.to : [m.to!]).flatMap((a) => a.value);
    assert.deepEqual(to.map((a) => a.name), ['UNIVERSIDAD ROBOTICA ESPAÑOLA', 'UNIVERSIDAD ROBOTICA ESPAÑOLA']);
    assert.equal(m.replyTo?.value[0].address, 'cobranza@kemper.example');
    assert.equal(m.text?.trim(), 'Adjuntamos su CFDI. Gracias por su preferencia.');
    assert.equal(m.headers.get('x-cfdi-uuid'), body.uuid);
    assert.equal(m.attachments.length, 2);
    const xml = m.attachments.find((a) => a.filename === `F-${body.folio}.xml`);
    const pdf = m.attachments.find((a) => a.filename === `F-${body.folio}.pdf`);
    assert.ok(xml && pdf, `attachments ${m.attachments.map((a) => a.filename).join(', ')}`);
    assert.equal(xml.contentType, 'application/xml');
    assert.equal(pdf.contentType, 'application/pdf');
    assert.ok(xml.content.equals(await download(body.xmlDownload)), 'XML attachment = XML download');
    assert.ok(pdf.content.equals(await download(body.pdfDownload)), 'PDF attachment = PDF download');

    const after = await eventually('ENVIADO in the GET answer', async () => {
      const r = (await s.fetch('GET', `/${s.demo.keyEmpresa}/cfdis/${id}`)).json();
      return r.correos?.[0]?.estado === 'ENVIADO' && r;
    });
    const c = after.correos[0];
    assert.deepEqual(c.para, ['pagos@robotica.example', 'contabilidad@robotica.example']);
    assert.equal(c.intentos, 1);
    assert.match(c.respuesta, /^250 /);
    assert.match(c.fechaEnvio, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(m.messageId, `<${c.id}@kemper.example>`, 'a Message-ID stable across retries');
    for (const k of Object.keys(body).filter((x) => x !== 'correos')) assert.deepEqual(after[k], body[k], `field ${k} unchanged`);

    // `correos reenviar`: the same message again, a second entry in the answer.
    await reenviarCorreo(nd(), s.server.runtime.deps.ids.decode('cfdi', body.idCfd)!);
    const twice = await eventually('the re-sent e-mail ENVIADO', async () => {
      const r = (await s.fetch('GET', `/${s.demo.keyEmpresa}/cfdis/${id}`)).json();
      return r.correos?.length === 2 && r.correos[1].estado === 'ENVIADO' && r.correos;
    });
    assert.deepEqual(twice[1].para, c.para);
    assert.notEqual(twice[1].id, c.id);
    const resent = await sink.parse(before + 1);
    assert.equal(resent.subject, m.subject);
    assert.equal(resent.attachments.length, 2);
  });

  test('without record 09 there is no e-mail and no correos field; the template and the directory address serve an empty 09', async () => {
    const plain = await waitFinal(s, await submit(s, DEMO_DOCUMENT));
    assert.equal(plain.status, 200);
    assert.equal('correos' in plain.json(), false, 'the seed\'s answer is unchanged');

    const empresa = await demoEmpresa();
    await s.server.runtime.store.upsertReceptores(empresa.id, [{ clave: 'URE180429TM6', rfc: 'URE180429TM6', email: 'buzon@robotica.example' }]);
    const before = sink.messages.length;
    const id = await submit(s, with09('|09|||||0|'));
    const body = (await waitFinal(s, id)).json();
    await eventually('the message', () => sink.messages.length > before);
    assert.deepEqual(sink.messages[before].to, ['buzon@robotica.example']);
    const m = await sink.parse(before);
    assert.equal(m.subject, `CFDI F-${body.folio} de ESCUELA KEMPER URGATE`);
    assert.match(m.text ?? '', new RegExp(`Folio fiscal \\(UUID\\): ${body.uuid}`));
    assert.equal(m.attachments.length, 0, 'field 5 = 0: no attachments');
  });

  test('a subject with a line break cannot add headers or recipients', async () => {
    const before = sink.messages.length;
    // A lone CR stays inside an xsa field (lines end in LF or CRLF): a hostile client's header injection.
    const id = await submit(s, with09('|09|URE180429TM6|pagos@robotica.example|Factura\rBcc: intruso@evil.example|Hola|1|'));
    assert.equal((await waitFinal(s, id)).status, 200);
    await eventually('the message', () => sink.messages.length > before);
    assert.deepEqual(sink.messages[before].to, ['pagos@robotica.example'], 'no extra recipient');
    const m = await sink.parse(before);
    assert.equal(m.subject, 'Factura Bcc: intruso@evil.example');
    assert.equal(m.headers.get('bcc'), undefined);
  });
});

describe('SMTP down during 200 requests', () => {
  test('every CFDI is ALMACENADO without a pipeline retry; every message arrives once when the server is back', { timeout: 240_000 }, async () => {
    const port = await deadPort();
    await useSmtp(port);
    const doc = with09('|09|URE180429TM6|pagos@robotica.example|Factura|Gracias|1|');
    const ids: string[] = [];
    for (let i = 0; i < 200; i += 20) ids.push(...(await Promise.all(Array.from({ length: 20 }, () => submit(s, doc)))));
    const bodies: Array<Record<string, any>> = [];
    for (const id of ids) {
      const r = await waitFinal(s, id, s.demo.keyEmpresa, 120_000);
      assert.equal(r.status, 200, r.body.toString());
      bodies.push(r.json());
    }
    // Still down: every e-mail waits (queued by the job right after ALMACENADO), none was lost,
    // and the pipeline never retried a job.
    const db = new Database(join(s.dataDir, 'cfdi.sqlite'), { readonly: true });
    try {
      const retried = db.prepare(`SELECT count(*) AS n FROM jobs WHERE attempts > 1`).get() as { n: number };
      assert.equal(retried.n, 0, 'no pipeline job was retried');
      const waiting = db.prepare(`SELECT count(*) AS n FROM entregas e JOIN cfdis c ON c.id = e.cfdi_id
        WHERE e.canal = 'correo' AND e.estado IN ('pendiente', 'en_curso') AND c.uuid IN (SELECT value FROM json_each(?))`);
      await eventually('200 e-mails waiting', () => (waiting.get(JSON.stringify(bodies.map((b) => b.uuid))) as { n: number }).n === 200, 30_000);
      const sent = db.prepare(`SELECT count(*) AS n FROM entregas WHERE canal = 'correo' AND estado = 'entregada' AND cfdi_id IN
        (SELECT id FROM cfdis WHERE uuid IN (SELECT value FROM json_each(?)))`).get(JSON.stringify(bodies.map((b) => b.uuid))) as { n: number };
      assert.equal(sent.n, 0);
    } finally {
      db.close();
    }
    const probe = await eventually('a first failed attempt recorded', async () => {
      const r = (await s.fetch('GET', `/${s.demo.keyEmpresa}/cfdis/${ids[0]}`)).json();
      return r.correos?.[0]?.error && r.correos[0];
    });
    assert.equal(probe.estado, 'PENDIENTE');
    // Refused, or (on a machine this busy) a connection timeout: either way, retried.
    assert.match(probe.error, /ECONNREFUSED|ETIMEDOUT/);

    const back = await startSmtpSink({ port, user: 'facturas', password: 'contraseña-smtp-ñ' });
    try {
      const uuids = new Set(bodies.map((b) => b.uuid as string));
      await eventually('200 messages', () => back.messages.length >= 200, 120_000);
      await eventually('every GET shows ENVIADO', async () => {
        for (const id of ids) {
          const r = (await s.fetch('GET', `/${s.demo.keyEmpresa}/cfdis/${id}`)).json();
          if (r.correos[0].estado !== 'ENVIADO') return false;
        }
        return true;
      }, 60_000);
      const seen = new Map<string, number>();
      for (let i = 0; i < back.messages.length; i++) {
        const uuid = (await back.parse(i)).headers.get('x-cfdi-uuid') as string;
        seen.set(uuid, (seen.get(uuid) ?? 0) + 1);
      }
      assert.equal(back.messages.length, 200, 'nothing twice');
      assert.deepEqual([...seen.keys()].sort(), [...uuids].sort());
    } finally {
      await back.close();
    }
  });
});

describe('webhooks', () => {
  let receiver: Server;
  let url: string;
  const calls: Array<{ headers: IncomingMessage['headers']; body: string; status: number; verified: boolean }> = [];
  let secret = '';

  before(async () => {
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const intento = Number(req.headers['x-cfdi-intento']);
        const verified = verify(secret, req.headers['x-cfdi-firma'] as string | undefined, body);
        // Every delivery fails once (500), then times out, then succeeds.
        const status = intento === 1 ? 500 : intento === 2 ? 0 : verified ? 204 : 401;
        calls.push({ headers: req.headers, body, status, verified });
        if (status === 0) return; // never answer: the sender's timeout fires
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 500 ? 'boom '.repeat(500) : '');
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
    url = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/cfdi/eventos`;
  });
  after(async () => {
    receiver.closeAllConnections();
    await new Promise((r) => receiver.close(r));
  });

  test('failing, then timing out, then recovering: every event delivered, every signature verified by the documented snippet', { timeout: 120_000 }, async () => {
    const added = await addWebhook(nd(), await demoEmpresa(), url, undefined);
    secret = added.secret;
    const ok = await submit(s, DEMO_DOCUMENT);
    const bad = await submit(s, DEMO_DOCUMENT.replace('|05|LAP-HB||12|', '|05|LAP-HB||doce|'));
    const okBody = (await waitFinal(s, ok)).json();
    assert.equal((await waitFinal(s, bad)).status, 400);
    const cfdiId = s.server.runtime.deps.ids.decode('cfdi', okBody.idCfd)!;
    // The cancellation capability's call, synthetic here; twice: one event.
    const cambio = { cfdiId, estado: 'Cancelado', estatusCancelacion: 'Cancelado sin aceptación', motivo: '02', fecha: '2026-11-24T10:00:00Z' };
    await s.server.runtime.deps.notifier!.cancelacionCambiada(cambio);
    await s.server.runtime.deps.notifier!.cancelacionCambiada(cambio);

    const delivered = () => calls.filter((c) => c.status === 204);
    await eventually('three events delivered', () => delivered().length >= 3, 60_000);
    const events = delivered().map((c) => JSON.parse(c.body));
    const byType = new Map(events.map((e) => [e.tipoEvento, e]));
    assert.deepEqual([...byType.keys()].sort(), ['cfdi.cancelacion', 'peticion.almacenada', 'peticion.error']);
    assert.equal(events.length, 3, 'one delivery per event (the cancellation reported twice is one event)');

    const almacenada = byType.get('peticion.almacenada');
    const { idEvento, tipoEvento, fechaEvento, idPeticion, ...fields } = almacenada;
    assert.equal(idPeticion, ok);
    assert.deepEqual(fields, okBody, 'the GET answer\'s fields');
    assert.match(fechaEvento, /^\d{4}-\d{2}-\d{2}T.*Z$/);
    assert.equal(tipoEvento, 'peticion.almacenada');
    assert.equal(byType.get('peticion.error').idPeticion, bad);
    assert.deepEqual(byType.get('peticion.error').errors, (await waitFinal(s, bad)).json().errors);
    const cancel = byType.get('cfdi.cancelacion');
    assert.deepEqual(cancel.cancelacion, { estado: 'Cancelado', estatusCancelacion: 'Cancelado sin aceptación', motivo: '02', fecha: '2026-11-24T10:00:00Z' });
    assert.equal(cancel.uuid, okBody.uuid);

    for (const e of events) {
      const attempts = calls.filter((c) => c.headers['x-cfdi-evento'] === e.idEvento);
      assert.deepEqual(attempts.map((c) => c.status), [500, 0, 204], `${e.tipoEvento}: failed, timed out, delivered`);
      assert.ok(attempts.every((c) => c.verified), 'every attempt carries a valid signature');
      assert.ok(attempts.every((c) => c.body === attempts[0].body), 'the same body on every attempt');
      assert.ok(attempts.every((c) => c.headers['x-cfdi-tipo-evento'] === e.tipoEvento));
    }
    assert.equal(calls.filter((c) => !c.verified).length, 0);
    assert.equal(verify('whsec_otro', calls[0].headers['x-cfdi-firma'] as string, calls[0].body), false, 'another secret does not verify');
    assert.equal(verify(secret, calls[0].headers['x-cfdi-firma'] as string, calls[0].body.replace('"', '" ')), false, 'a changed body does not verify');

    // Recorded: each attempt with its answer; the 500's body kept only as a prefix.
    const n = nd().notificaciones;
    const ev = (await n.getEvento(almacenada.idEvento))!;
    // The receiver's 204 is seen before the runner records it: wait for the record, then check it.
    const entrega = await eventually('the delivery recorded as entregada', async () => {
      const [e] = await n.listEntregas({ eventoId: ev.id, limit: 5 });
      return e?.estado === 'entregada' && e;
    }, 30_000);
    assert.equal(entrega.estado, 'entregada');
    const registro = await n.listIntentos(entrega.id);
    assert.deepEqual(registro.map((i) => i.ok), [false, false, true]);
    assert.match(registro[0].detalle, /^HTTP 500: boom/);
    assert.ok(registro[0].detalle.length < 600, 'only a prefix of the answer is kept');
    assert.match(registro[1].detalle, /no answer within 700 ms/);
    assert.equal(registro[2].detalle, 'HTTP 204');

    // Re-delivered by id: the same event id and body, signed again.
    const before = calls.length;
    await redeliver(nd(), await demoEmpresa(), { evento: almacenada.idEvento });
    await eventually('the re-delivery', () => calls.slice(before).some((c) => c.status === 204), 30_000);
    const again = calls.slice(before);
    assert.ok(again.every((c) => c.headers['x-cfdi-evento'] === almacenada.idEvento && c.body === calls.find((x) => x.status === 204 && x.headers['x-cfdi-evento'] === almacenada.idEvento)!.body));
    assert.ok(again.every((c) => c.verified));
  });
});
