/**
 * The PAC configuration storage port (src/storage/pacs.ts), unchanged against SQLite and
 * PostgreSQL: absent until set, a full round trip with the sealed bytes intact, optional
 * fields cleared by saving without them, one row per empresa, and the CHECKs.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/storage/store.ts';
import type { PacsStore } from '../../src/storage/pacs.ts';
import { openSqlitePacs } from '../../src/storage/sqlite/pacs.ts';
import { openPostgresPacs } from '../../src/storage/postgres/pacs.ts';
import { BACKENDS, type TestDb } from './env.ts';
import { T0, createTenant, type Tenant } from './fixtures.ts';

for (const backend of BACKENDS) {
  describe(`pacs store contract: ${backend.name}`, { skip: backend.skip }, () => {
    let db: TestDb;
    let store: Store;
    let pacs: PacsStore;
    let t: Tenant;
    beforeEach(async () => {
      db = await backend.create();
      store = db.openStore();
      await store.migrate();
      pacs = db.target.kind === 'sqlite' ? openSqlitePacs({ file: db.target.file }) : openPostgresPacs({ url: db.target.url, schema: db.target.schema });
      t = await createTenant(store);
    });
    afterEach(async () => {
      await pacs.close();
      await db.dispose();
    });

    test('round trip, replace, clear optional fields', async () => {
      assert.equal(await pacs.getPac(t.empresa.id), undefined);
      const pw = Buffer.from([0, 1, 2, 250, 255]);
      const tok = Buffer.from('sellado');
      const full = { empresaId: t.empresa.id, proveedor: 'sw' as const, ambiente: 'produccion' as const, url: 'https://s.x', urlApi: 'https://a.x',
        usuario: 'u@x.mx', passwordSealed: pw, tokenSealed: tok, updatedAt: T0.toISOString() };
      await pacs.savePac(full);
      const back = (await pacs.getPac(t.empresa.id))!;
      assert.ok(back.passwordSealed?.equals(pw) && back.tokenSealed?.equals(tok));
      assert.deepEqual({ ...back, passwordSealed: undefined, tokenSealed: undefined }, { ...full, passwordSealed: undefined, tokenSealed: undefined });
      const later = new Date(T0.getTime() + 1000).toISOString();
      await pacs.savePac({ empresaId: t.empresa.id, proveedor: 'finkok', ambiente: 'pruebas', updatedAt: later });
      assert.deepEqual(await pacs.getPac(t.empresa.id), { empresaId: t.empresa.id, proveedor: 'finkok', ambiente: 'pruebas', updatedAt: later });
      assert.equal(Number((await db.rows('SELECT count(*) AS n FROM empresa_pacs'))[0].n), 1);
    });

    test('an unknown proveedor or ambiente is refused by the schema', async () => {
      await assert.rejects(pacs.savePac({ empresaId: t.empresa.id, proveedor: 'otro' as 'sw', ambiente: 'pruebas', updatedAt: T0.toISOString() }));
      await assert.rejects(pacs.savePac({ empresaId: t.empresa.id, proveedor: 'sw', ambiente: 'real' as 'pruebas', updatedAt: T0.toISOString() }));
    });
  });
}
