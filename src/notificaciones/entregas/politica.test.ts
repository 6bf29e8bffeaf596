import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_INTENTOS, siguiente } from './politica.ts';

const b = { backoffBaseMs: 30_000, backoffCapMs: 3_600_000 };
const H = 3_600_000;

test('after an attempt: delivered, retried with exponential backoff inside the window, or failed', () => {
  const ok = { ok: true, retryable: false, detalle: '250 Ok', respuesta: '250 Ok' };
  const busy = { ok: false, retryable: true, detalle: '421 busy' };
  const final = { ok: false, retryable: false, detalle: '550 no such user' };
  assert.deepEqual(siguiente(ok, 1, 0, 72 * H, b), { estado: 'entregada', respuesta: '250 Ok', resultado: undefined });
  assert.deepEqual(siguiente(busy, 1, 0, 72 * H, b), { estado: 'pendiente', enMs: 30_000, error: '421 busy', respuesta: undefined });
  assert.equal((siguiente(busy, 3, 0, 72 * H, b) as { enMs: number }).enMs, 120_000);
  assert.equal((siguiente(busy, 20, 0, 72 * H, b) as { enMs: number }).enMs, H, 'capped');
  assert.deepEqual(siguiente(final, 1, 0, 72 * H, b), { estado: 'fallida', error: '550 no such user', respuesta: undefined, resultado: undefined });
  assert.equal(siguiente(busy, 20, 72 * H - H + 1, 72 * H, b).estado, 'fallida', 'the next try would fall after the window');
  assert.match((siguiente(busy, 20, 72 * H, 72 * H, b) as { error: string }).error, /reintentos agotados/);
  assert.equal(siguiente(busy, MAX_INTENTOS, 0, 1e15, b).estado, 'fallida');
});

test('the default schedule keeps trying for the whole window (at least 24 hours)', () => {
  let now = 0;
  let n = 0;
  for (;;) {
    n++;
    const s = siguiente({ ok: false, retryable: true, detalle: 'x' }, n, now, 24 * H, b);
    if (s.estado !== 'pendiente') break;
    now += s.enMs;
  }
  assert.ok(now > 23 * H, `last attempt at ${now / H} h`);
  assert.ok(n > 24 && n < 40, `${n} attempts`);
});
