/**
 * `cfdi-async smtp`, `webhook` and `correos` as an operator runs them: real processes on a
 * temp data dir, a real SMTP server and webhook receiver on loopback. Secrets are shown
 * once (the webhook's) or never (the SMTP password), and are not in the database in clear.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { documentedVerifier, startSmtpSink, type SmtpSink } from '../notificaciones/servers.ts';
import { runCli } from './run-cli.ts';

let dir: string;
let sink: SmtpSink;
let receiver: Server;
let receiverUrl = '';
const received: Array<{ body: string; signature: string }> = [];
const PASSWORD = 'clave-smtp-muy-secreta-ñ';

function cli(args: string[], extraEnv: Record<string, string> = {}) {
  return runCli(dir, args, { CFDI_WEBHOOK_ALLOW_NETWORKS: 'loopback', ...extraEnv });
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cfdi-cli-notif-'));
  sink = await startSmtpSink({ user: 'facturas', password: PASSWORD });
  receiver = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({ body: Buffer.concat(chunks).toString('utf8'), signature: String(req.headers['x-cfdi-firma']) });
      res.writeHead(200).end('recibido');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;
  assert.equal((await cli(['demo', '--json'])).code, 0);
});
after(async () => {
  await sink.close();
  receiver.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every byte the database files hold, to look for secrets in clear. */
function databaseBytes(): Buffer {
  return Buffer.concat(readdirSync(dir).filter((f) => f.startsWith('cfdi.sqlite')).map((f) => readFileSync(join(dir, f))));
}

describe('cfdi-async smtp', () => {
  test('set, show (password never shown), test: log in and send with the stored password', async () => {
    writeFileSync(join(dir, 'smtp-pass.txt'), `${PASSWORD}\n`);
    writeFileSync(join(dir, 'cuerpo.txt'), 'Estimado {{receptor}}: su CFDI {{serieFolio}} por {{total}} {{moneda}}.');
    const set = await cli(['smtp', 'set', '--empresa', 'EKU9003173C9', '--host', '127.0.0.1', '--port', String(sink.port), '--tls', 'none',
      '--user', 'facturas', '--password-file', join(dir, 'smtp-pass.txt'), '--from', 'facturas@kemper.example', '--from-name', 'Facturación Kemper',
      '--subject-template', 'Factura {{serieFolio}}', '--body-template-file', join(dir, 'cuerpo.txt'), '--json']);
    assert.equal(set.code, 0, set.stderr);
    const shown = JSON.parse((await cli(['smtp', 'show', '--empresa', 'EKU9003173C9', '--json'])).stdout);
    assert.equal(shown.password, '(set)');
    assert.equal(shown.port, sink.port);
    assert.equal(shown.fromName, 'Facturación Kemper');
    assert.ok(!set.stdout.includes(PASSWORD));
    assert.ok(!databaseBytes().includes(Buffer.from(PASSWORD, 'utf8')), 'the password is not stored in clear');

    const verify = await cli(['smtp', 'test', '--empresa', 'EKU9003173C9']);
    assert.equal(verify.code, 0, verify.stderr);
    assert.match(verify.stdout, /logged in as facturas/);
    const sent = await cli(['smtp', 'test', '--empresa', 'EKU9003173C9', '--to', 'yo@kemper.example', '--json']);
    assert.equal(sent.code, 0, sent.stderr);
    assert.match(JSON.parse(sent.stdout).respuesta, /^250 /);
    assert.equal(sink.messages.at(-1)!.user, 'facturas');
    assert.deepEqual(sink.messages.at(-1)!.to, ['yo@kemper.example']);

    // Changing one option keeps the others; a wrong password is reported, not hidden.
    assert.equal((await cli(['smtp', 'set', '--empresa', 'EKU9003173C9', '--password', 'otra'])).code, 0);
    const bad = await cli(['smtp', 'test', '--empresa', 'EKU9003173C9']);
    assert.notEqual(bad.code, 0);
    assert.match(bad.stderr, /535|Authentication|Invalid login/i);
    assert.equal(JSON.parse((await cli(['smtp', 'show', '--empresa', 'EKU9003173C9', '--json'])).stdout).subjectTemplate, 'Factura {{serieFolio}}');
  });

  test('specific errors: unknown placeholder, bad address, missing host the first time', async () => {
    const tpl = await cli(['smtp', 'set', '--empresa', 'EKU9003173C9', '--subject-template', 'Hola {{cliente}}']);
    assert.notEqual(tpl.code, 0);
    assert.match(tpl.stderr, /unknown placeholder\(s\) \{\{cliente\}\}/);
    const from = await cli(['smtp', 'set', '--empresa', 'EKU9003173C9', '--from', 'no-es-correo']);
    assert.match(from.stderr, /not an e-mail address/);
    assert.equal((await cli(['empresa', 'create', '--rfc', 'IIA040805DZ4', '--nombre', 'INDISTRIA', '--regimen', '601'])).code, 0);
    const first = await cli(['smtp', 'set', '--empresa', 'IIA040805DZ4', '--from', 'a@b.mx']);
    assert.match(first.stderr, /--host is required/);
  });
});

describe('cfdi-async webhook', () => {
  test('add shows the secret once; list never; test sends a ping the documented snippet verifies; remove', async () => {
    const added = await cli(['webhook', 'add', '--empresa', 'EKU9003173C9', '--url', receiverUrl, '--eventos', 'peticion.almacenada,peticion.error', '--json']);
    assert.equal(added.code, 0, added.stderr);
    const w = JSON.parse(added.stdout);
    assert.match(w.secret, /^whsec_/);
    assert.deepEqual(w.eventos, ['peticion.almacenada', 'peticion.error']);
    const list = await cli(['webhook', 'list', '--empresa', 'EKU9003173C9', '--json']);
    assert.ok(!list.stdout.includes(w.secret));
    assert.deepEqual(JSON.parse(list.stdout).map((x: { id: string }) => x.id), [w.id]);
    assert.ok(!databaseBytes().includes(Buffer.from(w.secret, 'utf8')), 'the secret is not stored in clear');

    const t = await cli(['webhook', 'test', '--empresa', 'EKU9003173C9', '--id', w.id, '--json']);
    assert.equal(t.code, 0, t.stderr);
    assert.equal(JSON.parse(t.stdout).detalle, 'HTTP 200: recibido');
    const ping = received.at(-1)!;
    assert.equal(JSON.parse(ping.body).tipoEvento, 'ping');
    assert.equal((await documentedVerifier())(w.secret, ping.signature, ping.body), true);

    assert.equal((await cli(['webhook', 'remove', '--empresa', 'EKU9003173C9', '--id', w.id])).code, 0);
    assert.deepEqual(JSON.parse((await cli(['webhook', 'list', '--empresa', 'EKU9003173C9', '--json'])).stdout), []);
  });

  test('refused without the operator\'s allowance: loopback, unknown event types', async () => {
    const refused = await cli(['webhook', 'add', '--empresa', 'EKU9003173C9', '--url', receiverUrl], { CFDI_WEBHOOK_ALLOW_NETWORKS: '' });
    assert.notEqual(refused.code, 0);
    assert.match(refused.stderr, /127\.0\.0\.1 is a loopback address/);
    const ev = await cli(['webhook', 'add', '--empresa', 'EKU9003173C9', '--url', receiverUrl, '--eventos', 'factura.creada']);
    assert.match(ev.stderr, /unknown event type\(s\) factura\.creada/);
    const cfg = await cli(['webhook', 'list', '--empresa', 'EKU9003173C9'], { CFDI_WEBHOOK_ALLOW_NETWORKS: 'intranet' });
    assert.match(cfg.stderr, /CFDI_WEBHOOK_ALLOW_NETWORKS: "intranet"/);
  });
});

describe('cfdi-async correos', () => {
  test('`correos --uuid` runs the listing; an unknown UUID is a clear error; copies per tipo', async () => {
    const r = await cli(['correos', '--uuid', '6F1E5A4C-0000-4000-8000-000000000000']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /no CFDI with UUID 6F1E5A4C-0000-4000-8000-000000000000/);
    const set = await cli(['correos', 'copias', '--empresa', 'EKU9003173C9', '--tipo', 'FAC', '--set', 'conta@kemper.example; archivo@kemper.example', '--json']);
    assert.equal(set.code, 0, set.stderr);
    assert.deepEqual(JSON.parse(set.stdout).copias, ['conta@kemper.example', 'archivo@kemper.example']);
    const bad = await cli(['correos', 'copias', '--empresa', 'EKU9003173C9', '--tipo', 'FAC', '--set', 'x']);
    assert.match(bad.stderr, /not e-mail addresses: x/);
  });
});
