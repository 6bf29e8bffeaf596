/**
 * The payments storage port's contract (src/storage/pagos.ts), run unchanged against
 * SQLite and PostgreSQL: balances, idempotent and race-safe registration (two receipts
 * racing for one balance: exactly one wins), release, cancellation and the listings the
 * cancellation capability and `cfdi-async saldos` use.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/storage/store.ts';
import type { PagosStore } from '../../src/storage/pagos.ts';
import { openSqlitePagos } from '../../src/storage/sqlite/pagos.ts';
import { openPostgresPagos } from '../../src/storage/postgres/pagos.ts';
import { saldoDe } from '../../src/storage/pagos-rows.ts';
import { AppError } from '../../src/shared/errors.ts';
import { BACKENDS, type Target, type TestDb } from './env.ts';
import { T0, cfdiMeta, createTenant, newPeticion, uuidOf, type Tenant } from './fixtures.ts';

function openAt(t: Target): PagosStore {
  return t.kind === 'sqlite' ? openSqlitePagos({ file: t.file }) : openPostgresPagos({ url: t.url, schema: t.schema });
}

const printed = { notas: [], conceptos: [] };
const NOW = T0.toISOString();

for (const backend of BACKENDS) {
  describe(`pagos contract: ${backend.name}`, { skip: backend.skip }, () => {
    let db: TestDb;
    let store: Store;
    const opened: PagosStore[] = [];
    const open = () => {
      const x = openAt(db.target);
      opened.push(x);
      return x;
    };
    let t: Tenant;

    beforeEach(async () => {
      db = await backend.create();
      store = db.openStore();
      await store.migrate();
      t = await createTenant(store);
    });
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((x) => x.close()));
      await store.close();
      await db.dispose();
    });

    async function stamped(uuid: string, xml: string, over: Partial<Parameters<typeof cfdiMeta>[0]> = {}) {
      const id = await store.createPeticion(newPeticion(t));
      const { serie, folio } = await store.assignFolio(id);
      await store.saveSealed(id, `<sealed ${id}/>`, printed);
      const cfdiId = await store.saveStamped(id, xml, cfdiMeta({ uuid, serie, folio, ...over }));
      return { peticionId: id, cfdiId };
    }
    const factura = () => stamped(uuidOf(1), '<cfdi:Comprobante MetodoPago="PPD"/>');
    const receipt = async () => (await store.createPeticion(newPeticion(t)));

    test('a balance is Total − Σ vigente ImpPagado; registering is idempotent per peticion; the next parcialidad must follow', async () => {
      const p = open();
      const { cfdiId } = await factura();
      const f0 = (await p.facturas(t.empresa.id, [uuidOf(1), uuidOf(99)])).get(uuidOf(1))!;
      assert.deepEqual([f0.cfdiId, f0.total, f0.pagados, saldoDe(f0)], [cfdiId, '1160.00', [], '1160.00']);
      assert.equal((await p.facturas(t.empresa.id, [uuidOf(99)])).size, 0);
      const r1 = await receipt();
      const a1 = { facturaCfdiId: cfdiId, numParcialidad: 1, impSaldoAnt: '1160.00', impPagado: '600.00', impSaldoInsoluto: '560.00' };
      await p.registrar(t.empresa.id, r1, [a1], NOW);
      await p.registrar(t.empresa.id, r1, [a1], NOW);
      assert.deepEqual(await p.aplicacionesDe(r1), [a1]);
      assert.equal(saldoDe((await p.factura(cfdiId))!), '560.00');
      // A second receipt that still believes the old balance is refused (retryable).
      const r2 = await receipt();
      await assert.rejects(p.registrar(t.empresa.id, r2, [{ ...a1 }], NOW), (e) => e instanceof AppError && e.code === 'PAGO_CONCURRENTE' && e.def.retryable);
      await assert.rejects(p.registrar(t.empresa.id, r2, [{ ...a1, numParcialidad: 2, impSaldoAnt: '560.00', impPagado: '600.00', impSaldoInsoluto: '-40.00' }], NOW),
        (e) => e instanceof AppError && e.code === 'PAGO_CONCURRENTE', 'more than the balance');
      await p.registrar(t.empresa.id, r2, [{ ...a1, numParcialidad: 2, impSaldoAnt: '560.00', impPagado: '560.00', impSaldoInsoluto: '0.00' }], NOW);
      assert.equal(saldoDe((await p.factura(cfdiId))!), '0.00');
      assert.equal(await p.facturaXml(cfdiId), '<cfdi:Comprobante MetodoPago="PPD"/>');
    });

    test('two receipts racing for the same balance: exactly one is recorded', async () => {
      const { cfdiId } = await factura();
      const [pa, pb] = [open(), open()];
      const [ra, rb] = [await receipt(), await receipt()];
      const a = { facturaCfdiId: cfdiId, numParcialidad: 1, impSaldoAnt: '1160.00', impPagado: '1000.00', impSaldoInsoluto: '160.00' };
      const results = await Promise.allSettled([pa.registrar(t.empresa.id, ra, [a], NOW), pb.registrar(t.empresa.id, rb, [{ ...a, impPagado: '900.00', impSaldoInsoluto: '260.00' }], NOW)]);
      assert.equal(results.filter((x) => x.status === 'fulfilled').length, 1, JSON.stringify(results));
      const lost = results.find((x) => x.status === 'rejected') as PromiseRejectedResult;
      assert.ok(lost.reason instanceof AppError || /unique|UNIQUE/.test(String(lost.reason)), String(lost.reason));
      const f = (await pa.factura(cfdiId))!;
      assert.equal(f.pagados.length, 1);
    });

    test('release and cancellation give the balance back; the cancellation capability sees the live receipts of an invoice', async () => {
      const p = open();
      const { cfdiId } = await factura();
      const r1 = await receipt();
      await p.registrar(t.empresa.id, r1, [{ facturaCfdiId: cfdiId, numParcialidad: 1, impSaldoAnt: '1160.00', impPagado: '100.00', impSaldoInsoluto: '1060.00' }], NOW);
      assert.equal(await p.liberar(r1), 1);
      assert.equal(await p.liberar(r1), 0);
      assert.equal(saldoDe((await p.factura(cfdiId))!), '1160.00');
      // A stamped receipt (its CFDI has the receipt's peticion).
      const rp = await store.createPeticion(newPeticion(t));
      await p.registrar(t.empresa.id, rp, [{ facturaCfdiId: cfdiId, numParcialidad: 1, impSaldoAnt: '1160.00', impPagado: '300.00', impSaldoInsoluto: '860.00' }], NOW);
      await store.assignFolio(rp);
      await store.saveSealed(rp, '<sealed/>', printed);
      await store.saveStamped(rp, '<pago/>', cfdiMeta({ uuid: uuidOf(2), folio: '99', tipoDeComprobante: 'P', total: '0' }));
      assert.deepEqual(await p.pagosDeFactura(t.empresa.id, uuidOf(1).toLowerCase()), [{ peticionId: rp, uuidPago: uuidOf(2), numParcialidad: 1, impPagado: '300.00' }]);
      assert.deepEqual((await p.facturasPpd(t.empresa.id)).map((f) => [f.uuid, saldoDe(f)]), [[uuidOf(1), '860.00']]);
      assert.equal(await p.cancelarPago(t.empresa.id, uuidOf(2)), 1);
      assert.deepEqual(await p.pagosDeFactura(t.empresa.id, uuidOf(1)), []);
      assert.equal(saldoDe((await p.factura(cfdiId))!), '1160.00');
      // Another empresa's UUID cancels nothing.
      const other = await createTenant(store);
      assert.equal(await p.cancelarPago(other.empresa.id, uuidOf(2)), 0);
    });

    test('only PPD Ingresos are listed as open invoices', async () => {
      const p = open();
      await factura();
      await stamped(uuidOf(3), '<cfdi:Comprobante MetodoPago="PUE"/>');
      await stamped(uuidOf(4), '<cfdi:Comprobante/>', { tipoDeComprobante: 'P', total: '0' });
      assert.deepEqual((await p.facturasPpd(t.empresa.id)).map((f) => f.uuid), [uuidOf(1)]);
    });
  });
}
