/**
 * Payment receipts end to end over HTTP (issue 13), with the real pipeline behind the API:
 * a PPD invoice, two partial payments that leave its balance at 0, a third payment refused;
 * the balance shown by the invoice's GET and the values the service took from its records.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, submit, waitFinal, type TestServer } from './helpers.ts';
import { readComprobante } from '../../src/cfdi/xml/read.ts';
import { pagosDe } from '../../src/cfdi/pagos/element.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
const bin = new URL('../../bin/cfdi-async.js', import.meta.url).pathname;
/** `cfdi-async saldos --json` as an operator runs it, on the server's database. */
async function saldos(...extra: string[]): Promise<Array<Record<string, unknown>>> {
  const r = await run(process.execPath, [bin, 'saldos', '--empresa', s.demo.keyEmpresa, '--json', ...extra], { env: { ...process.env, CFDI_DATA_DIR: s.dataDir, CFDI_LOG_LEVEL: 'warn' } });
  return JSON.parse(r.stdout);
}

let s: TestServer;
before(async () => {
  s = await startTestServer();
});
after(async () => {
  await s?.close();
});

const RECEPTOR = '03|URE180429TM6|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA|MÉXICO|||||||||86991|||G03|601|';
const FACTURA_PPD = [
  '00|FAC-PPD-1|FAC|4.0|',
  '01|' + Array.from({ length: 25 }, (_, i) => ({ 1: '1', 12: 'MXN', 18: 'I', 19: 'PPD', 22: '99', 23: '30 DÍAS', 24: '01' } as Record<number, string>)[i + 1] ?? '').join('|') + '|',
  RECEPTOR,
  '05|80101500|CONS-01|1|CONSULTORÍA|1000.00||Servicio|E48||C1|02|',
  '05C|C1||IVA|Tasa|16||',
].join('\n');
const pago = (monto: string, uuid: string, extra = '') => [
  '00|COBRO|FAC|4.0|',
  '01|C|',
  RECEPTOR.replace('|G03|', '||'),
  `compPagos|1||2026-11-20T10:00:00|03|MXN||${monto}|`,
  `comPagosDoctoRel|1|${uuid}|${extra}`,
].join('\n');

async function xmlOf(r: { json(): any }): Promise<string> {
  const x = await s.fetch('GET', r.json().xmlDownload);
  assert.equal(x.status, 200);
  return x.body.toString('utf8');
}

describe('payment receipts over HTTP', () => {
  test('PPD invoice → two partial payments → balance 0 → a third payment refused; a repeated parcialidad refused', async () => {
    const idFactura = await submit(s, FACTURA_PPD);
    const f = await waitFinal(s, idFactura);
    assert.equal(f.status, 200, f.body.toString());
    const uuid: string = f.json().uuid;
    assert.equal(f.json().saldoInsoluto, '1160.00');

    // First payment: NumParcialidad, ImpSaldoAnt, MonedaDR, ObjetoImpDR and taxes come from the records.
    const p1 = await waitFinal(s, await submit(s, pago('600.00', uuid)));
    assert.equal(p1.status, 200, p1.body.toString());
    const c1 = readComprobante(await xmlOf(p1));
    assert.equal(c1.TipoDeComprobante, 'P');
    const d1 = pagosDe(c1)!.Pago[0].DoctoRelacionado[0];
    assert.deepEqual([d1.NumParcialidad, d1.ImpSaldoAnt, d1.ImpPagado, d1.ImpSaldoInsoluto, d1.MonedaDR, d1.ObjetoImpDR, d1.Serie, d1.Folio],
      ['1', '1160.00', '600.00', '560.00', 'MXN', '02', f.json().serie, f.json().folio]);
    // 600 of 1160 of a base of 1000: 517.24 at 16 %.
    assert.deepEqual(d1.ImpuestosDR?.TrasladosDR, [{ BaseDR: '517.24', ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000', ImporteDR: '82.76' }]);
    assert.equal((await waitFinal(s, idFactura)).json().saldoInsoluto, '560.00');
    const abiertas = await saldos();
    assert.deepEqual(abiertas.map((x) => [x.uuid, x.total, x.pagado, x.saldoInsoluto, x.parcialidades]), [[uuid, '1160.00', '600.00', '560.00', 1]]);
    // The payment receipt itself has no balance.
    assert.equal(p1.json().saldoInsoluto, undefined);

    // The same parcialidad again is refused before anything is stamped.
    const rep = await waitFinal(s, await submit(s, pago('100.00', uuid, '||||1|||||')));
    assert.equal(rep.status, 400);
    assert.match(rep.json().errors.join('\n'), /^Error PAGO_PARCIALIDAD\n.*NumParcialidad 1 no es la siguiente de la factura \(2; pagos vigentes: 1\)/m);

    const p2 = await waitFinal(s, await submit(s, pago('560.00', uuid)));
    assert.equal(p2.status, 200, p2.body.toString());
    const d2 = pagosDe(readComprobante(await xmlOf(p2)))!.Pago[0].DoctoRelacionado[0];
    assert.deepEqual([d2.NumParcialidad, d2.ImpSaldoAnt, d2.ImpPagado, d2.ImpSaldoInsoluto], ['2', '560.00', '560.00', '0.00']);
    assert.equal((await waitFinal(s, idFactura)).json().saldoInsoluto, '0.00');
    assert.deepEqual(await saldos(), [], 'paid in full: no longer open');
    assert.deepEqual((await saldos('--todas')).map((x) => [x.saldoInsoluto, x.parcialidades]), [['0.00', 2]]);

    const p3 = await waitFinal(s, await submit(s, pago('10.00', uuid)));
    assert.equal(p3.status, 400);
    assert.match(p3.json().errors.join('\n'), /^Error PAGO_EXCEDE_SALDO\n.*excede el saldo de la factura \(0\.00\): ya está pagada/m);
    // Refusals spent nothing.
    assert.equal((await waitFinal(s, idFactura)).json().saldoInsoluto, '0.00');
  });

  test('a payment of an invoice the service did not issue must say what it cannot know', async () => {
    const r = await waitFinal(s, await submit(s, pago('100.00', '7D1C3A52-0E4B-4F7A-9C61-2B8E5F3A9D10')));
    assert.equal(r.status, 400);
    const errors = r.json().errors.join('\n');
    assert.match(errors, /Error PAGO_DATO_FALTANTE\nPago 1, DoctoRelacionado 1: falta ImpSaldoAnt/);
    assert.match(errors, /falta NumParcialidad/);
  });

  test('one receipt paying the same invoice twice, the first amount left to compute: a clear error at once, never a retry loop', async () => {
    const idFactura = await submit(s, FACTURA_PPD);
    const f = await waitFinal(s, idFactura);
    assert.equal(f.status, 200, f.body.toString());
    const uuid: string = f.json().uuid;
    const doble = [
      pago('100.00', uuid),
      'compPagos|2||2026-11-21T10:00:00|03|MXN||50.00|',
      `comPagosDoctoRel|2|${uuid}|`,
    ].join('\n');
    const r = await waitFinal(s, await submit(s, doble));
    assert.equal(r.status, 400, r.body.toString());
    assert.match(r.json().errors.join('\n'), /Error PAGO_DATO_FALTANTE\nPago 2, DoctoRelacionado 1 \(.*\): la factura se paga más de una vez en este recibo/);
    assert.equal((await waitFinal(s, idFactura)).json().saldoInsoluto, '1160.00', 'nothing was applied');
  });

  test('cancelling a payment receipt gives its payment back to the invoice\'s balance', async () => {
    const idFactura = await submit(s, FACTURA_PPD);
    const f = await waitFinal(s, idFactura);
    assert.equal(f.status, 200, f.body.toString());
    const idPago = await submit(s, pago('300.00', f.json().uuid));
    const p = await waitFinal(s, idPago);
    assert.equal(p.status, 200, p.body.toString());
    assert.equal((await waitFinal(s, idFactura)).json().saldoInsoluto, '860.00');
    // The invoice has a live payment: the SAT would not cancel it.
    const cancelar = (uuid: string) =>
      s.fetch('POST', `/${s.demo.keyEmpresa}/cfdis/cancelar`, JSON.stringify({ motivo: '02', uuid: [uuid] }), { 'Content-Type': 'application/json' });
    const bloqueada = await cancelar(f.json().uuid);
    assert.equal(bloqueada.json()[0].status, 'CAN_RELACIONADOS_VIVOS');
    // Issued today: cancelled without the receptor's acceptance.
    const r = await cancelar(p.json().uuid);
    assert.equal(r.status, 200, r.body.toString());
    assert.equal(r.json()[0].status, '201', r.body.toString());
    assert.equal((await waitFinal(s, idPago)).json().status, 'CANCELADO');
    assert.equal((await waitFinal(s, idFactura)).json().saldoInsoluto, '1160.00');
  });

  test('a PUE invoice cannot receive a payment receipt', async () => {
    const f = await waitFinal(s, await submit(s, FACTURA_PPD.replace('|I|PPD|||99|', '|I|PUE|||03|')));
    assert.equal(f.status, 200, f.body.toString());
    assert.equal(f.json().saldoInsoluto, undefined);
    const r = await waitFinal(s, await submit(s, pago('100.00', f.json().uuid)));
    assert.equal(r.status, 400);
    assert.match(r.json().errors.join('\n'), /Error PAGO_FACTURA\n.*no es un Ingreso con MetodoPago PPD \(I, PUE\)/);
  });
});
