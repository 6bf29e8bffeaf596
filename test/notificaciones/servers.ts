/**
 * Real servers on loopback for the notification tests: an SMTP server (smtp-server) that
 * keeps every message it accepts, raw, with its envelope; a free port that refuses
 * connections (an SMTP server that is down); and the receiver side of the webhook
 * signature, taken verbatim from docs/webhooks.md so that the documented snippet is
 * what the tests run.
 */
import { createServer, type Server } from 'node:net';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SMTPServer } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

export interface Received {
  raw: Buffer;
  from: string;
  to: string[];
  user?: string;
  secure: boolean;
}

export interface SmtpSink {
  port: number;
  messages: Received[];
  parse(i: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startSmtpSink(o: { port?: number; user?: string; password?: string; tls?: { key: string | Buffer; cert: string | Buffer }; rejectRcpt?: (a: string) => boolean } = {}): Promise<SmtpSink> {
  const messages: Received[] = [];
  const server = new SMTPServer({
    secure: false,
    ...(o.tls ? { key: o.tls.key, cert: o.tls.cert } : { disabledCommands: ['STARTTLS'] }),
    authOptional: !o.user,
    allowInsecureAuth: !o.tls,
    logger: false,
    onAuth(auth, _session, cb) {
      if (auth.username === o.user && auth.password === o.password) cb(null, { user: auth.username });
      else cb(new Error('535 5.7.8 Authentication credentials invalid'));
    },
    onRcptTo(address, _session, cb) {
      if (o.rejectRcpt?.(address.address)) {
        const e = new Error('550 5.1.1 No such user') as Error & { responseCode: number };
        e.responseCode = 550;
        cb(e);
      } else cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        messages.push({
          raw: Buffer.concat(chunks),
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          secure: session.secure,
        });
        cb(null, `Ok: queued as ${messages.length}`);
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    messages,
    parse: (i) => simpleParser(messages[i].raw),
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

/** A port on loopback where nothing listens (taken, then given back). */
export async function deadPort(): Promise<number> {
  const s: Server = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

export type Verify = (secret: string, header: string | undefined, rawBody: string, toleranceSeconds?: number) => boolean;

/** The verification snippet of docs/webhooks.md (the ```js block after "## Verifying a call"), loaded as a module. */
export async function documentedVerifier(): Promise<Verify> {
  const doc = readFileSync(new URL('../../docs/webhooks.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('## Verifying a call'));
  const m = /```js\n([\s\S]*?)```/.exec(section);
  if (!m) throw new Error('docs/webhooks.md has no ```js block under "## Verifying a call"');
  const file = join(mkdtempSync(join(tmpdir(), 'cfdi-verify-')), 'verify.mjs');
  writeFileSync(file, m[1]);
  const mod = (await import(pathToFileURL(file).href)) as { verifyCfdiAsync?: Verify };
  if (typeof mod.verifyCfdiAsync !== 'function') throw new Error('the documented snippet does not export verifyCfdiAsync');
  return mod.verifyCfdiAsync;
}

/** Polls `check` until it is truthy; fails with `what` after `ms` (a bound, not an expectation). */
export async function eventually<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, ms = 60_000): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
