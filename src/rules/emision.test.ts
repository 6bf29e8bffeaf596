import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkEmision } from './emision.ts';
import { ingreso, mutate, pago } from './testing/fixtures.ts';

// The fixtures are issued 2025-06-15T12:00:00 at 42501 (Pachuca, UTC−6) = 18:00:00Z.
const NOW = new Date('2025-06-15T18:00:00Z');

test('checkEmision: Fecha window and the Pagos complement (issue 10 items 3 and 4)', () => {
  const rows: Array<[name: string, doc: ReturnType<typeof ingreso>, now: Date, expected: string[]]> = [
    ['ok: issued now', ingreso(), NOW, []],
    ['ok: P with pago20:Pagos', pago(), NOW, []],
    ['ok: 72 hours old', ingreso(), new Date('2025-06-18T18:00:00Z'), []],
    ['error: a second beyond 72 hours', ingreso(), new Date('2025-06-18T18:00:01Z'), ['GEN_FECHA_VENCIDA']],
    ['error: two hours ahead', mutate(ingreso(), (c) => { c.Fecha = '2025-06-15T14:00:00'; }), NOW, ['GEN_FECHA_FUTURA']],
    ['error: a day ahead', mutate(ingreso(), (c) => { c.Fecha = '2025-06-16T12:00:00'; }), NOW, ['GEN_FECHA_FUTURA']],
    ['ok: an hour ahead in Pachuca is now in Cancún', mutate(ingreso(), (c) => { c.Fecha = '2025-06-15T13:00:00'; c.LugarExpedicion = '77500'; }), NOW, []],
    ['error: P without pago20:Pagos', mutate(pago(), (c) => { c.Complemento = { otros: [] }; }), NOW, ['GEN_PAGOS_SIN_COMPLEMENTO']],
    ['error: P with another complement only', mutate(pago(), (c) => { c.Complemento = { otros: [{ name: 'x:Pagos', ns: 'urn:otro', attrs: [], children: [] }] }; }), NOW, ['GEN_PAGOS_SIN_COMPLEMENTO']],
    ['error: both', mutate(pago(), (c) => { c.Complemento = undefined; c.Fecha = '2025-06-20T12:00:00'; }), NOW, ['GEN_FECHA_FUTURA', 'GEN_PAGOS_SIN_COMPLEMENTO']],
    ['not applicable: I without complement', mutate(ingreso(), (c) => { c.Complemento = undefined; }), NOW, []],
  ];
  for (const [name, doc, now, expected] of rows) assert.deepEqual(checkEmision(doc, now).map((e) => e.code), expected, name);
  const [e] = checkEmision(mutate(ingreso(), (c) => { c.Fecha = '2025-06-15T14:00:00'; }), NOW);
  assert.equal(e.message, 'Comprobante@Fecha "2025-06-15T14:00:00" es posterior a la fecha y hora actual (la hora local del LugarExpedicion 42501 es 2025-06-15T12:00:00; se toleran 5 minutos); el PAC la rechaza (401)');
});
