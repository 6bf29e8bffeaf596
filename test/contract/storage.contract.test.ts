/**
 * The storage port's contract (src/storage/store.ts), run unchanged against every
 * backend in `env.ts`. What is asserted here is what `invoicing/` relies on.
 */
import { afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/storage/store.ts';
import type { CatalogRow } from '../../src/storage/store.ts';
import { AppError } from '../../src/shared/errors.ts';
import { BACKENDS, runChild, type TestDb } from './env.ts';
import { T0, cfdiMeta, createTenant, newPeticion, uuidOf, type Tenant } from './fixtures.ts';

const printed = { notas: ['nota 1'], conceptos: [{ codigoSecundario: 'X-1' }], referenciaCliente: 'REF-9' };

for (const backend of BACKENDS) {
  describe(`storage contract: ${backend.name}`, { skip: backend.skip }, () => {
    let db: TestDb;
    let store: Store;

    beforeEach(async () => {
      db = await backend.create();
      store = db.openStore({ clock: () => T0 });
      await store.migrate();
    });
    afterEach(async () => {
      await db.dispose();
    });

    /** A peticion taken through sealing and stamping, as the pipeline would. */
    async function stamped(t: Tenant, uuid: string, over: Parameters<typeof cfdiMeta>[0] = { uuid }) {
      const id = await store.createPeticion(newPeticion(t));
      const { serie, folio } = await store.assignFolio(id);
      await store.saveSealed(id, `<sealed ${id}/>`, printed);
      const cfdiId = await store.saveStamped(id, `<cfdi ${id}/>`, cfdiMeta({ serie, folio, ...over }));
      return { id, cfdiId, folio };
    }

    describe('migrations', () => {
      test('migrate is idempotent and records each version once', async () => {
        await store.migrate();
        const second = db.openStore();
        await second.migrate();
        const versions = await db.rows('SELECT version FROM schema_migrations ORDER BY version');
        assert.ok(versions.length >= 1);
        assert.deepEqual(versions.map((r) => Number(r.version)), [...new Set(versions.map((r) => Number(r.version)))]);
        // Versions run 1..N with no gap: a later branch's migration numbered below an applied one would never run.
        assert.deepEqual(versions.map((r) => Number(r.version)), versions.map((_, i) => i + 1));
      });

      test('two processes migrating a fresh database at once both succeed, each version applied once', async () => {
        // A fresh database beside the suite's one: dispose this test's and create another, unmigrated.
        const fresh = await backend.create();
        try {
          const startAt = Date.now() + 1_500;
          const results = await Promise.all([1, 2].map(() => runChild<{ ok: boolean }>({ op: 'migrate', target: fresh.target, startAt })));
          assert.deepEqual(results, [{ ok: true }, { ok: true }]);
          const counts = await fresh.rows('SELECT version, count(*) AS n FROM schema_migrations GROUP BY version');
          assert.ok(counts.length >= 3);
          for (const c of counts) assert.equal(Number(c.n), 1);
          // And the schema is usable.
          const s = fresh.openStore();
          const t = await createTenant(s);
          assert.ok(await s.createPeticion(newPeticion(t)));
        } finally {
          await fresh.dispose();
        }
      });
    });

    describe('tenants', () => {
      test('empresas are found by id, key and RFC; branding is set and cleared field by field', async () => {
        const e = await store.createEmpresa({ key: 'b5f8c1de-0000-4000-8000-000000000001', rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', regimenFiscal: '601' });
        assert.equal(e.createdAt, T0.toISOString());
        assert.deepEqual(await store.getEmpresa(e.id), e);
        assert.deepEqual(await store.getEmpresaByKey(e.key), e);
        assert.deepEqual(await store.getEmpresaByRfc('EKU9003173C9'), e);
        assert.equal(await store.getEmpresaByRfc('XAXX010101000'), undefined);
        assert.equal(await store.getEmpresa(e.id + 1000), undefined);

        const logo = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255]);
        await store.updateEmpresaBranding(e.id, { logo, color: '#336699', template: 'clasica' });
        let got = await store.getEmpresa(e.id);
        assert.deepEqual(got?.logo, logo);
        assert.equal(got?.color, '#336699');
        const { logo: _, ...sinLogo } = got!;
        assert.deepEqual(await store.getEmpresaByKey(e.key), sinLogo, 'by key: everything but the logo');
        await store.updateEmpresaBranding(e.id, { color: null });
        got = await store.getEmpresa(e.id);
        assert.equal(got?.color, undefined);
        assert.equal(got?.template, 'clasica', 'fields not named are left alone');
        assert.deepEqual(got?.logo, logo);

        const other = await store.createEmpresa({ key: 'b5f8c1de-0000-4000-8000-000000000002', rfc: 'IIA040805DZ4', nombre: 'INDISTRIA ILUMINADORA', regimenFiscal: '626' });
        assert.deepEqual((await store.listEmpresas()).map((x) => x.id), [e.id, other.id]);
      });

      test('setEmpresaKey: the old key finds nothing, the new one the same empresa; a key in use or an unknown id is refused', async () => {
        const e = await store.createEmpresa({ key: 'old-key-0001', rfc: 'EKU9003173C9', nombre: 'A', regimenFiscal: '601' });
        const other = await store.createEmpresa({ key: 'other-key-0002', rfc: 'IIA040805DZ4', nombre: 'B', regimenFiscal: '601' });
        await store.setEmpresaKey(e.id, 'new-key-0003');
        assert.equal(await store.getEmpresaByKey('old-key-0001'), undefined);
        assert.deepEqual(await store.getEmpresaByKey('new-key-0003'), { ...e, key: 'new-key-0003' });
        await assert.rejects(store.setEmpresaKey(e.id, other.key), 'two empresas never share a key');
        assert.equal((await store.getEmpresaByKey(other.key))?.id, other.id);
        await assert.rejects(store.setEmpresaKey(other.id + 1000, 'x-key-0004'), { code: 'BD_NO_ENCONTRADO' });
      });

      test('an RFC and a key belong to one empresa only', async () => {
        await store.createEmpresa({ key: 'k-1', rfc: 'EKU9003173C9', nombre: 'A', regimenFiscal: '601' });
        await assert.rejects(store.createEmpresa({ key: 'k-2', rfc: 'EKU9003173C9', nombre: 'B', regimenFiscal: '601' }));
        await assert.rejects(store.createEmpresa({ key: 'k-1', rfc: 'IIA040805DZ4', nombre: 'C', regimenFiscal: '601' }));
      });

      test('getCsd returns the most recently imported certificate; re-importing one makes it current again', async () => {
        const { empresa } = await createTenant(store);
        const csd = (no: string, from: string) => ({
          empresaId: empresa.id, noCertificado: no, cer: Buffer.from(`cer ${no}`), keyEncrypted: Buffer.from(`key ${no}`),
          passwordEncrypted: Buffer.from(`pwd ${no}`), validFrom: from, validTo: '2027-05-18T12:00:00.000Z',
        });
        assert.equal(await store.getCsd(empresa.id), undefined);
        await store.saveCsd(csd('30001000000500003416', '2023-05-18T11:43:51.000Z'));
        await store.saveCsd(csd('30001000000500003417', '2024-01-01T00:00:00.000Z'));
        assert.equal((await store.getCsd(empresa.id))?.noCertificado, '30001000000500003417');
        await store.saveCsd(csd('30001000000500003416', '2023-05-18T11:43:51.000Z'));
        const got = await store.getCsd(empresa.id);
        assert.deepEqual(got, csd('30001000000500003416', '2023-05-18T11:43:51.000Z'));
      });

      test('sucursales and tipos round-trip; updateTipo changes only what it names', async () => {
        const { empresa, sucursal, tipo } = await createTenant(store, { serie: 'F', nextFolio: 100 });
        assert.deepEqual(await store.getSucursal(sucursal.id), sucursal);
        const s2 = await store.createSucursal({ empresaId: empresa.id, nombre: 'Norte', codigoPostal: '64000', domicilio: 'Av. Constitución 100, Monterrey' });
        assert.deepEqual(await store.listSucursales(empresa.id), [sucursal, s2]);

        assert.deepEqual(await store.getTipo(tipo.id), tipo);
        assert.equal(tipo.nextFolio, 100);
        const defaults = { ...tipo.defaults, UsoCFDI: 'G03', taxProfile: { traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], retenciones: [] } };
        await store.updateTipo(tipo.id, { defaults, color: '#aa0000' });
        const got = await store.getTipo(tipo.id);
        assert.deepEqual(got, { ...tipo, defaults, color: '#aa0000' });
        assert.deepEqual(await store.listTipos(empresa.id), [got]);
      });
    });

    describe('peticiones', () => {
      test('createPeticion stores the request and queues its job in the same transaction', async () => {
        const t = await createTenant(store);
        const p = newPeticion(t, { archivoFuente: '00|FAC|REF-1\n01|ñandú «€»\n' });
        const id = await store.createPeticion(p);
        assert.deepEqual(await store.getPeticion(id), { id, ...p, stage: 'queued', suscripciones: false });
        const jobs = await db.rows('SELECT peticion_id, empresa_id, state, attempts FROM jobs');
        assert.deepEqual(jobs.map((j) => ({ ...j, peticion_id: Number(j.peticion_id), empresa_id: Number(j.empresa_id), attempts: Number(j.attempts) })),
          [{ peticion_id: id, empresa_id: t.empresa.id, state: 'ready', attempts: 0 }]);
      });

      test('many createPeticion at once (committed together where the backend groups them): each its own peticion and job; a bad one fails alone', async () => {
        const t = await createTenant(store);
        const calls = Array.from({ length: 20 }, (_, i) => store.createPeticion(i === 7
          ? { ...newPeticion(t), tipoId: t.tipo.id + 999 }
          : newPeticion(t, { archivoFuente: `00|FAC|REF-${i}\n` })));
        const results = await Promise.allSettled(calls);
        assert.equal(results[7]!.status, 'rejected', 'the one naming a missing tipo');
        const ids = results.filter((r) => r.status === 'fulfilled').map((r) => (r as PromiseFulfilledResult<number>).value);
        assert.equal(ids.length, 19);
        assert.equal(new Set(ids).size, 19);
        for (const [i, r] of results.entries()) {
          if (r.status === 'fulfilled') assert.equal((await store.getPeticion(r.value))?.archivoFuente, `00|FAC|REF-${i}\n`);
        }
        const jobs = await db.rows('SELECT peticion_id FROM jobs ORDER BY peticion_id');
        assert.deepEqual(jobs.map((j) => Number(j.peticion_id)), [...ids].sort((a, b) => a - b));
      });

      test('a peticion naming a missing tipo is refused and leaves no job behind', async () => {
        const t = await createTenant(store);
        await assert.rejects(store.createPeticion({ ...newPeticion(t), tipoId: t.tipo.id + 999 }));
        assert.equal((await db.rows('SELECT id FROM jobs')).length, 0);
        assert.equal((await db.rows('SELECT id FROM peticiones')).length, 0);
      });

      test('assignFolio takes the tipo\'s next folio once per peticion', async () => {
        const t = await createTenant(store, { serie: 'B', nextFolio: 41 });
        const a = await store.createPeticion(newPeticion(t));
        const b = await store.createPeticion(newPeticion(t));
        assert.deepEqual(await store.assignFolio(a), { serie: 'B', folio: '41' });
        assert.deepEqual(await store.assignFolio(a), { serie: 'B', folio: '41' }, 'idempotent');
        assert.deepEqual(await store.assignFolio(b), { serie: 'B', folio: '42' });
        assert.equal((await store.getTipo(t.tipo.id))?.nextFolio, 43);
        const p = await store.getPeticion(a);
        assert.equal(p?.serie, 'B');
        assert.equal(p?.folio, '41');
      });

      test('a tipo without serie hands out folios without serie', async () => {
        const t = await createTenant(store);
        await store.updateTipo(t.tipo.id, { serie: null as unknown as undefined });
        const id = await store.createPeticion(newPeticion(t));
        assert.deepEqual(await store.assignFolio(id), { folio: '1' });
      });

      test('assignFolio on an unknown peticion fails with BD_NO_ENCONTRADO', async () => {
        await assert.rejects(store.assignFolio(12345), (e: unknown) => e instanceof AppError && e.code === 'BD_NO_ENCONTRADO');
      });

      test('saveSealed keeps the first sealed XML and moves the peticion to sealed', async () => {
        const t = await createTenant(store);
        const id = await store.createPeticion(newPeticion(t));
        await store.assignFolio(id);
        assert.equal(await store.saveSealed(id, '<first/>', printed), '<first/>');
        assert.equal(await store.saveSealed(id, '<second/>', { notas: [], conceptos: [] }), '<first/>');
        const p = await store.getPeticion(id);
        assert.equal(p?.stage, 'sealed');
        assert.equal(p?.sealedXml, '<first/>');
        assert.deepEqual(p?.printed, printed);
      });

      test('saveStamped stores the CFDI once, moves to stamped, and savePdf finishes the peticion', async () => {
        const t = await createTenant(store);
        const id = await store.createPeticion(newPeticion(t));
        const { folio } = await store.assignFolio(id);
        await store.saveSealed(id, '<sealed/>', printed);
        const meta = cfdiMeta({ uuid: uuidOf(1), folio, tipoCambio: '17.2530', descuento: '0.50', pedimento: '23  47  3807  3000123', fechaPedimento: '2025-05-30', aduana: '47', produccion: true });
        const cfdiId = await store.saveStamped(id, '<cfdi:Comprobante/>', meta);
        assert.equal(await store.saveStamped(id, '<other/>', { ...meta, uuid: uuidOf(2) }), cfdiId, 'idempotent: the first CFDI stays');

        let p = await store.getPeticion(id);
        assert.equal(p?.stage, 'stamped');
        assert.equal(p?.cfdiId, cfdiId);
        assert.equal(p?.uuid, uuidOf(1));

        const expected = { ...meta, id: cfdiId, empresaId: t.empresa.id, sucursalId: t.sucursal.id, tipoId: t.tipo.id, peticionId: id, hasPdf: false };
        assert.deepEqual(await store.getCfdi(cfdiId), expected);
        assert.deepEqual(await store.getCfdiByUuid(t.empresa.id, uuidOf(1)), expected);
        assert.equal(await store.getCfdiByUuid(t.empresa.id + 1, uuidOf(1)), undefined, 'another empresa does not see it');
        assert.equal(await store.getCfdiXml(cfdiId), '<cfdi:Comprobante/>');
        assert.deepEqual(await store.getCfdiPrinted(cfdiId), printed);
        assert.equal(await store.getCfdiPdf(cfdiId), undefined);

        const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 254, 255])]);
        await store.savePdf(id, pdf);
        p = await store.getPeticion(id);
        assert.equal(p?.stage, 'done');
        assert.deepEqual(await store.getCfdiPdf(cfdiId), pdf);
        assert.equal((await store.getCfdi(cfdiId))?.hasPdf, true);
      });

      test('saveStamped with its PDF stores both and finishes the peticion in one write; called again it keeps the first CFDI', async () => {
        const t = await createTenant(store);
        const id = await store.createPeticion(newPeticion(t));
        const { serie, folio } = await store.assignFolio(id);
        await store.saveSealed(id, '<sealed/>', printed);
        const meta = cfdiMeta({ uuid: uuidOf(31), serie, folio });
        const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from([0, 1, 2, 254, 255])]);
        const cfdiId = await store.saveStamped(id, '<cfdi:Comprobante/>', meta, pdf);
        const p = await store.getPeticion(id);
        assert.deepEqual([p?.stage, p?.cfdiId, p?.uuid], ['done', cfdiId, uuidOf(31)]);
        assert.deepEqual(await store.getCfdiPdf(cfdiId), pdf);
        assert.deepEqual(await store.getCfdi(cfdiId), { ...meta, id: cfdiId, empresaId: t.empresa.id, sucursalId: t.sucursal.id, tipoId: t.tipo.id, peticionId: id, hasPdf: true });
        assert.deepEqual(await store.getCfdiPrinted(cfdiId), printed);
        const again = Buffer.from('%PDF-again');
        assert.equal(await store.saveStamped(id, '<other/>', { ...meta, uuid: uuidOf(32) }, again), cfdiId, 'idempotent: the first CFDI stays');
        assert.equal(await store.getCfdiXml(cfdiId), '<cfdi:Comprobante/>');
        assert.deepEqual(await store.getCfdiPdf(cfdiId), again);

        // A CFDI stored without its PDF (the render failed) gets it from a later call with one.
        const { id: sin, cfdiId: sinId } = await stamped(t, uuidOf(33));
        assert.equal((await store.getPeticion(sin))?.stage, 'stamped');
        assert.equal(await store.saveStamped(sin, '<x/>', cfdiMeta({ uuid: uuidOf(33) }), pdf), sinId);
        assert.equal((await store.getPeticion(sin))?.stage, 'done');
        assert.equal((await store.getCfdi(sinId))?.hasPdf, true);
        await assert.rejects(store.saveStamped(id + 1000, '<x/>', cfdiMeta({ uuid: uuidOf(34) }), pdf), { code: 'BD_NO_ENCONTRADO' });
      });

      test("destinoPeticion: one read gives the key's empresa (no logo) and whether the tipo and sucursal are its own", async () => {
        const t = await createTenant(store);
        const other = await createTenant(store);
        await store.updateEmpresaBranding(t.empresa.id, { logo: Buffer.from([1, 2, 3]), color: '#112233' });
        assert.equal(await store.destinoPeticion('no-such-key', t.tipo.id, t.sucursal.id), undefined);
        const { logo: _, ...sinLogo } = (await store.getEmpresa(t.empresa.id))!;
        assert.deepEqual(await store.destinoPeticion(t.empresa.key, t.tipo.id, t.sucursal.id), { empresa: sinLogo, tipo: true, sucursal: true });
        assert.deepEqual(await store.destinoPeticion(t.empresa.key, other.tipo.id, other.sucursal.id), { empresa: sinLogo, tipo: false, sucursal: false }, "another empresa's tipo and sucursal");
        assert.deepEqual(await store.destinoPeticion(t.empresa.key, 0, t.sucursal.id), { empresa: sinLogo, tipo: false, sucursal: true });
        assert.deepEqual(await store.destinoPeticion(t.empresa.key, t.tipo.id, 0), { empresa: sinLogo, tipo: true, sucursal: false });
      });

      test("createPeticionForKey: writes the peticion and its job only when the key, the tipo and the sucursal belong together; else names what was missing, in the PUT's order", async () => {
        const t = await createTenant(store);
        const other = await createTenant(store);
        const { empresaId: _, ...p } = newPeticion(t, { archivoFuente: '00|FAC|REF-K\n' });
        const refusals: [string, number, number, string][] = [
          ['no-such-key', t.tipo.id, t.sucursal.id, 'empresa'],
          ['no-such-key', other.tipo.id, 0, 'empresa'],
          [other.empresa.key, t.tipo.id, t.sucursal.id, 'tipo'], // a valid pair, under the wrong key
          [t.empresa.key, other.tipo.id, t.sucursal.id, 'tipo'],
          [t.empresa.key, 0, other.sucursal.id, 'tipo'],
          [t.empresa.key, t.tipo.id, other.sucursal.id, 'sucursal'],
          [t.empresa.key, t.tipo.id, 0, 'sucursal'],
        ];
        for (const [key, tipoId, sucursalId, faltante] of refusals) {
          assert.deepEqual(await store.createPeticionForKey(key, { ...p, tipoId, sucursalId }), { faltante }, `${key} ${tipoId} ${sucursalId}`);
        }
        assert.equal((await db.rows('SELECT id FROM peticiones')).length, 0, 'a refusal writes no peticion');
        assert.equal((await db.rows('SELECT id FROM jobs')).length, 0, 'nor a job');
        assert.equal((await db.rows('SELECT empresa_id FROM queue_lanes')).length, 0, 'nor a queue lane');

        const r = await store.createPeticionForKey(t.empresa.key, { ...p, tipoId: t.tipo.id, sucursalId: t.sucursal.id });
        assert.ok('peticionId' in r, JSON.stringify(r));
        assert.deepEqual(await store.getPeticion(r.peticionId), { id: r.peticionId, empresaId: t.empresa.id, ...p, stage: 'queued', suscripciones: false });
        const jobs = await db.rows('SELECT peticion_id, empresa_id, state FROM jobs');
        assert.deepEqual(jobs.map((j) => ({ ...j, peticion_id: Number(j.peticion_id), empresa_id: Number(j.empresa_id) })),
          [{ peticion_id: r.peticionId, empresa_id: t.empresa.id, state: 'ready' }]);
        assert.deepEqual((await db.rows('SELECT empresa_id FROM queue_lanes')).map((l) => Number(l.empresa_id)), [t.empresa.id]);
      });

      test('many createPeticionForKey at once (committed together where the backend groups them): the refused ones write nothing, the others each their peticion and job', async () => {
        const t = await createTenant(store);
        const other = await createTenant(store);
        const { empresaId: _, ...p } = newPeticion(t);
        const results = await Promise.all(Array.from({ length: 12 }, (_, i) => store.createPeticionForKey(t.empresa.key,
          { ...p, tipoId: t.tipo.id, sucursalId: i % 4 === 3 ? other.sucursal.id : t.sucursal.id, archivoFuente: `00|FAC|REF-${i}\n` })));
        const ids = results.flatMap((r, i) => {
          if (i % 4 === 3) assert.deepEqual(r, { faltante: 'sucursal' });
          return 'peticionId' in r ? [r.peticionId] : [];
        });
        assert.equal(new Set(ids).size, 9);
        for (const [i, r] of results.entries()) {
          if ('peticionId' in r) assert.equal((await store.getPeticion(r.peticionId))?.archivoFuente, `00|FAC|REF-${i}\n`);
        }
        const jobs = await db.rows('SELECT peticion_id FROM jobs ORDER BY peticion_id');
        assert.deepEqual(jobs.map((j) => Number(j.peticion_id)), [...ids].sort((a, b) => a - b));
      });

      test('consultarPeticion: one read gives the empresa of the key, its peticion where it stands, and the CFDI once stamped', async () => {
        const t = await createTenant(store);
        const other = await createTenant(store);
        const queued = await store.createPeticion(newPeticion(t));
        assert.equal(await store.consultarPeticion('no-such-key', queued), undefined, 'an unknown key');
        assert.deepEqual(await store.consultarPeticion(other.empresa.key, queued), { empresa: { id: other.empresa.id, key: other.empresa.key }, peticion: undefined, cfdi: undefined, ppd: false, tieneCorreos: false }, "another empresa's peticion is not seen");
        assert.deepEqual(await store.consultarPeticion(t.empresa.key, 0), { empresa: { id: t.empresa.id, key: t.empresa.key }, peticion: undefined, cfdi: undefined, ppd: false, tieneCorreos: false });
        let c = await store.consultarPeticion(t.empresa.key, queued);
        assert.deepEqual(c?.peticion, { id: queued, empresaId: t.empresa.id, stage: 'queued', expiresAt: (await store.getPeticion(queued))!.expiresAt });
        assert.equal(c?.cfdi, undefined);

        await store.failPeticion(queued, ['Error 1'], ['una advertencia']);
        c = await store.consultarPeticion(t.empresa.key, queued);
        assert.deepEqual([c?.peticion?.stage, c?.peticion?.errors, c?.peticion?.advertencias], ['error', ['Error 1'], ['una advertencia']]);

        const pue = await stamped(t, uuidOf(21));
        c = await store.consultarPeticion(t.empresa.key, pue.id);
        assert.deepEqual([c?.peticion?.stage, c?.peticion?.uuid, c?.peticion?.cfdiId], ['stamped', uuidOf(21), pue.cfdiId]);
        assert.deepEqual(c?.cfdi, await store.getCfdi(pue.cfdiId));
        await store.savePdf(pue.id, Buffer.from('%PDF'));
        c = await store.consultarPeticion(t.empresa.key, pue.id);
        assert.deepEqual([c?.peticion?.stage, c?.cfdi?.hasPdf, c?.ppd], ['done', true, false]);

        // MetodoPago="PPD" is read from the XML of a done income invoice only.
        const id = await store.createPeticion(newPeticion(t));
        const { serie, folio } = await store.assignFolio(id);
        await store.saveSealed(id, '<sealed/>', printed);
        const cfdiId = await store.saveStamped(id, '<cfdi:Comprobante MetodoPago="PPD" TipoDeComprobante="I"/>', cfdiMeta({ uuid: uuidOf(22), serie, folio, tipoDeComprobante: 'I' }));
        assert.equal((await store.consultarPeticion(t.empresa.key, id))?.ppd, false, 'not yet done');
        await store.savePdf(id, null);
        c = await store.consultarPeticion(t.empresa.key, id);
        assert.deepEqual([c?.ppd, c?.cfdi?.id, c?.cfdi?.hasPdf], [true, cfdiId, false]);
      });

      test('savePdf(null) finishes a peticion whose PDF could not be made; the CFDI stays without PDF', async () => {
        const t = await createTenant(store);
        const { id, cfdiId } = await stamped(t, uuidOf(7));
        await store.savePdf(id, null);
        assert.equal((await store.getPeticion(id))?.stage, 'done');
        assert.equal((await store.getCfdi(cfdiId))?.hasPdf, false);
        assert.equal(await store.getCfdiPdf(cfdiId), undefined);
      });

      test('savePdf before the CFDI is stored, or of an unknown peticion, fails (BD_NO_ENCONTRADO) and changes nothing', async () => {
        const t = await createTenant(store);
        const id = await store.createPeticion(newPeticion(t));
        await store.assignFolio(id);
        await store.saveSealed(id, '<sealed/>', printed);
        await assert.rejects(store.savePdf(id, Buffer.from('%PDF')), { code: 'BD_NO_ENCONTRADO' });
        assert.equal((await store.getPeticion(id))?.stage, 'sealed');
        await assert.rejects(store.savePdf(id + 1000, null), { code: 'BD_NO_ENCONTRADO' });
        await assert.rejects(store.saveStamped(id + 1000, '<x/>', cfdiMeta({ uuid: uuidOf(9) })), { code: 'BD_NO_ENCONTRADO' });
      });

      test('a UUID or a serie-folio already stored for another peticion is refused (BD_DUPLICADO)', async () => {
        const t = await createTenant(store);
        await stamped(t, uuidOf(1));
        const id = await store.createPeticion(newPeticion(t));
        await store.assignFolio(id);
        await store.saveSealed(id, '<s/>', printed);
        const dup = (e: unknown) => e instanceof AppError && e.code === 'BD_DUPLICADO';
        await assert.rejects(store.saveStamped(id, '<x/>', cfdiMeta({ uuid: uuidOf(1), folio: '2' })), dup);
        await assert.rejects(store.saveStamped(id, '<x/>', cfdiMeta({ uuid: uuidOf(2), folio: '1' })), dup);
        assert.equal((await store.getPeticion(id))?.stage, 'sealed', 'nothing half-written');
        assert.ok(await store.saveStamped(id, '<x/>', cfdiMeta({ uuid: uuidOf(2), folio: '2' })));
      });

      test('failPeticion ends the peticion with its errors', async () => {
        const t = await createTenant(store);
        const id = await store.createPeticion(newPeticion(t));
        const errors = ['Error CFDI40108\nEl TipoDeComprobante no es válido. :\n Código de error: CFDI40108', 'otro'];
        await store.failPeticion(id, errors);
        const p = await store.getPeticion(id);
        assert.equal(p?.stage, 'error');
        assert.deepEqual(p?.errors, errors);
      });

      // ── issue 10 (i10b): notices of a document ──
      test('saveSealed and failPeticion record the notices in the same write, replace them, and clear them with []; without them leave them', async () => {
        const t = await createTenant(store);
        const notes = ['CFDI40162 no verificada: el catálogo c_ClaveProdServ no está importado', 'Advertencia RFC_DIGITO_VERIFICADOR: ñ "x"'];
        const id = await store.createPeticion(newPeticion(t));
        assert.equal((await store.getPeticion(id))?.advertencias, undefined);
        await store.assignFolio(id);
        assert.equal(await store.saveSealed(id, '<sealed 1/>', printed, notes), '<sealed 1/>');
        assert.deepEqual((await store.getPeticion(id))?.advertencias, notes);
        // A retried job: the first XML stays, the notices are those of this validation.
        assert.equal(await store.saveSealed(id, '<sealed 2/>', printed, ['CFDI40126 no verificada: otra']), '<sealed 1/>');
        assert.deepEqual((await store.getPeticion(id))?.advertencias, ['CFDI40126 no verificada: otra']);
        await store.saveSealed(id, '<sealed 3/>', printed);
        assert.deepEqual((await store.getPeticion(id))?.advertencias, ['CFDI40126 no verificada: otra'], 'not given: left as they are');
        await store.saveSealed(id, '<sealed 4/>', printed, []);
        assert.equal((await store.getPeticion(id))?.advertencias, undefined, '[] clears them');

        const e = await store.createPeticion(newPeticion(t));
        await store.failPeticion(e, ['e'], notes);
        let p = await store.getPeticion(e);
        assert.deepEqual([p?.stage, p?.errors, p?.advertencias], ['error', ['e'], notes]);
        await store.failPeticion(e, ['f']);
        p = await store.getPeticion(e);
        assert.deepEqual([p?.errors, p?.advertencias], [['f'], notes]);
        await store.failPeticion(e, ['g'], []);
        assert.equal((await store.getPeticion(e))?.advertencias, undefined);
        await assert.rejects(store.failPeticion(e + 1000, ['x'], notes));
        await assert.rejects(store.saveSealed(e + 1000, '<x/>', printed, notes));
      });

      test('purgeExpired deletes expired finished peticiones and their jobs, never CFDIs nor unfinished work', async () => {
        const t = await createTenant(store);
        const old = new Date(T0.getTime() - 10 * 86400_000);
        const expiresAt = new Date(T0.getTime() - 86400_000);
        // expired, finished (job done): purged, its CFDI kept
        const done = await store.createPeticion(newPeticion(t, { createdAt: old, expiresAt }));
        await store.assignFolio(done);
        await store.saveSealed(done, '<s/>', printed);
        const cfdiId = await store.saveStamped(done, '<c/>', cfdiMeta({ uuid: uuidOf(3) }));
        await db.rows(`UPDATE jobs SET state = 'done' WHERE peticion_id = ?`, [done]);
        // expired, error with a dead job: purged
        const dead = await store.createPeticion(newPeticion(t, { createdAt: old, expiresAt }));
        await store.failPeticion(dead, ['x']);
        await db.rows(`UPDATE jobs SET state = 'dead' WHERE peticion_id = ?`, [dead]);
        // expired but its job still waits: kept
        const waiting = await store.createPeticion(newPeticion(t, { createdAt: old, expiresAt }));
        // not expired: kept
        const fresh = await store.createPeticion(newPeticion(t));

        assert.equal(await store.purgeExpired(T0.toISOString()), 2);
        assert.equal(await store.getPeticion(done), undefined);
        assert.equal(await store.getPeticion(dead), undefined);
        assert.ok(await store.getPeticion(waiting));
        assert.ok(await store.getPeticion(fresh));
        assert.equal((await store.getCfdi(cfdiId))?.uuid, uuidOf(3));
        assert.equal(await store.getCfdiXml(cfdiId), '<c/>');
        const jobs = await db.rows('SELECT peticion_id FROM jobs ORDER BY peticion_id');
        assert.deepEqual(jobs.map((j) => Number(j.peticion_id)), [waiting, fresh]);
        assert.equal(await store.purgeExpired(T0.toISOString()), 0);
      });

      test('ids are never reused, even after the newest peticiones were purged', async () => {
        const t = await createTenant(store);
        const old = new Date(T0.getTime() - 10 * 86400_000);
        const expired = await store.createPeticion(newPeticion(t, { createdAt: old, expiresAt: new Date(T0.getTime() - 1) }));
        await store.assignFolio(expired);
        await store.saveSealed(expired, '<s/>', printed);
        await store.saveStamped(expired, '<c/>', cfdiMeta({ uuid: uuidOf(1) }));
        await db.rows(`UPDATE jobs SET state = 'done'`);
        const jobId = Number((await db.rows('SELECT id FROM jobs'))[0].id);
        assert.equal(await store.purgeExpired(T0.toISOString()), 1);
        const next = await store.createPeticion(newPeticion(t));
        assert.ok(next > expired, `new id ${next} must not reuse ${expired}`);
        assert.ok(Number((await db.rows('SELECT id FROM jobs'))[0].id) > jobId);
        // And the new peticion can be stamped: its id does not collide with the kept CFDI's peticion.
        await store.assignFolio(next);
        await store.saveSealed(next, '<s/>', printed);
        assert.ok(await store.saveStamped(next, '<c/>', cfdiMeta({ uuid: uuidOf(2), folio: '2' })));
      });
    });

    describe('listCfdis', () => {
      async function seedList() {
        const t = await createTenant(store, { serie: 'A' });
        const other = await createTenant(store, { serie: 'A' });
        const rows = [
          { serie: 'A', folio: '9', fecha: '2025-01-31T23:59:59', produccion: true },
          { serie: 'A', folio: '10', fecha: '2025-02-01T00:00:00', produccion: true },
          { serie: 'A', folio: '100', fecha: '2025-02-15T12:30:00', produccion: false },
          { serie: 'B', folio: '11', fecha: '2025-02-28T23:59:59', produccion: true },
          { serie: 'B', folio: 'X-7', fecha: '2025-03-01T00:00:00', produccion: true },
        ];
        const ids: number[] = [];
        let n = 100;
        for (const r of rows) {
          const id = await store.createPeticion(newPeticion(t));
          await store.saveSealed(id, '<s/>', printed);
          ids.push(await store.saveStamped(id, '<c/>', cfdiMeta({ uuid: uuidOf(++n), ...r })));
        }
        await stamped(other, uuidOf(999), { uuid: uuidOf(999), fecha: '2025-02-10T00:00:00' });
        return { t, ids };
      }
      const list = async (f: Omit<Parameters<Store['listCfdis']>[0], 'limit'> & { limit?: number }) =>
        (await store.listCfdis({ limit: 100, ...f })).map((c) => c.folio);

      test('dates are inclusive; a bare final date includes its whole day', async () => {
        const { t } = await seedList();
        const e = t.empresa.id;
        assert.deepEqual(await list({ empresaId: e }), ['9', '10', '100', '11', 'X-7'], 'only this empresa, in id order');
        assert.deepEqual(await list({ empresaId: e, fechaInicial: '2025-02-01', fechaFinal: '2025-02-28' }), ['10', '100', '11']);
        assert.deepEqual(await list({ empresaId: e, fechaInicial: '2025-02-01T00:00:00', fechaFinal: '2025-02-15T12:30:00' }), ['10', '100']);
        assert.deepEqual(await list({ empresaId: e, fechaFinal: '2025-01-31' }), ['9']);
        assert.deepEqual(await list({ empresaId: e, fechaInicial: '2025-03-01' }), ['X-7']);
      });

      test('serie, numeric folio range and produccion filter', async () => {
        const { t } = await seedList();
        const e = t.empresa.id;
        assert.deepEqual(await list({ empresaId: e, serie: 'A' }), ['9', '10', '100']);
        assert.deepEqual(await list({ empresaId: e, serie: 'A', folioInicial: 9, folioFinal: 10 }), ['9', '10'], 'numeric, not text, comparison');
        assert.deepEqual(await list({ empresaId: e, folioInicial: 11 }), ['100', '11']);
        assert.deepEqual(await list({ empresaId: e, produccion: false }), ['100']);
        assert.deepEqual(await list({ empresaId: e, produccion: true, serie: 'B' }), ['11', 'X-7']);
      });

      test('keyset pagination by id visits every CFDI once', async () => {
        const { t, ids } = await seedList();
        const seen: number[] = [];
        let afterId: number | undefined;
        for (;;) {
          const page = await store.listCfdis({ empresaId: t.empresa.id, limit: 2, afterId });
          if (page.length === 0) break;
          assert.ok(page.length <= 2);
          seen.push(...page.map((c) => c.id));
          afterId = page[page.length - 1].id;
        }
        assert.deepEqual(seen, ids);
      });

      test('page-number pagination: offset skips rows in id order, after the filters (issue 14)', async () => {
        const { t } = await seedList();
        const e = t.empresa.id;
        assert.deepEqual(await list({ empresaId: e, limit: 2, offset: 0 }), ['9', '10']);
        assert.deepEqual(await list({ empresaId: e, limit: 2, offset: 2 }), ['100', '11']);
        assert.deepEqual(await list({ empresaId: e, limit: 2, offset: 4 }), ['X-7']);
        assert.deepEqual(await list({ empresaId: e, limit: 2, offset: 6 }), []);
        assert.deepEqual(await list({ empresaId: e, serie: 'B', limit: 1, offset: 1 }), ['X-7']);
      });
    });

    describe('directories, catalogs and meta', () => {
      test('receptores upsert by clave and are found by clave or RFC', async () => {
        const { empresa } = await createTenant(store);
        const other = await createTenant(store);
        assert.equal(await store.upsertReceptores(empresa.id, [
          { clave: 'C001', rfc: 'XAXX010101000', nombre: 'PUBLICO EN GENERAL' },
          { clave: 'C002', rfc: 'URE180429TM6', nombre: 'UNIVERSIDAD ROBOTICA', regimenFiscal: '601', domicilioFiscal: '86991', usoCfdi: 'G03', email: 'a@b.mx' },
          { clave: 'C001', rfc: 'XAXX010101000', nombre: 'PÚBLICO EN GENERAL' },
        ]), 2);
        assert.deepEqual(await store.findReceptor(empresa.id, 'C001'), { clave: 'C001', rfc: 'XAXX010101000', nombre: 'PÚBLICO EN GENERAL' });
        assert.equal((await store.findReceptor(empresa.id, 'URE180429TM6'))?.clave, 'C002');
        assert.equal(await store.findReceptor(other.empresa.id, 'C001'), undefined);
        await store.upsertReceptores(empresa.id, [{ clave: 'C002', rfc: 'URE180429TM6' }]);
        assert.deepEqual(await store.findReceptor(empresa.id, 'C002'), { clave: 'C002', rfc: 'URE180429TM6' }, 'an upsert replaces the whole row');
        assert.deepEqual((await store.listReceptores(empresa.id, 1, 1)).map((r) => r.clave), ['C002']);
      });

      test('productos upsert by codigo with their tax profile', async () => {
        const { empresa } = await createTenant(store);
        const taxProfile = { traslados: [{ Impuesto: '002', TipoFactor: 'Exento' }], retenciones: [] };
        await store.upsertProductos(empresa.id, [
          { codigo: 'P-1', claveProdServ: '01010101', claveUnidad: 'H87', unidad: 'PZA', objetoImp: '02', taxProfile, descripcion: 'Tornillo' },
          { codigo: 'P-2' },
        ]);
        assert.deepEqual(await store.findProducto(empresa.id, 'P-1'),
          { codigo: 'P-1', claveProdServ: '01010101', claveUnidad: 'H87', unidad: 'PZA', objetoImp: '02', taxProfile, descripcion: 'Tornillo' });
        assert.deepEqual(await store.findProducto(empresa.id, 'P-2'), { codigo: 'P-2' });
        assert.deepEqual((await store.listProductos(empresa.id, 10, 0)).map((p) => p.codigo), ['P-1', 'P-2']);
      });

      test('findDirectorio: each receptor key as findReceptor answers it, and the productos by code, in one look', async () => {
        const { empresa } = await createTenant(store);
        const otra = await createTenant(store);
        // Many receptores share the generic RFC; one clave is another receptor's RFC.
        await store.upsertReceptores(empresa.id, [
          { clave: 'Z-9', rfc: 'XAXX010101000', nombre: 'ZETA' },
          { clave: 'B-2', rfc: 'XAXX010101000', nombre: 'BETA', email: 'b@x.mx' },
          { clave: 'M-5', rfc: 'XAXX010101000' },
          { clave: 'URE180429TM6', rfc: 'MCI7306249Y1', nombre: 'CLAVE QUE PARECE RFC' },
          { clave: 'A-1', rfc: 'URE180429TM6', nombre: 'POR RFC', regimenFiscal: '601', domicilioFiscal: '86991', usoCfdi: 'G03' },
        ]);
        await store.upsertReceptores(otra.empresa.id, [{ clave: 'AJENO', rfc: 'EKU9003173C9' }]);
        const taxProfile = { traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], retenciones: [{ Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' }] };
        await store.upsertProductos(empresa.id, [
          { codigo: 'P-1', claveProdServ: '01010101', claveUnidad: 'H87', unidad: 'PZA', objetoImp: '02', taxProfile, descripcion: 'Tornillo' },
          { codigo: 'P-2' },
        ]);
        await store.upsertProductos(otra.empresa.id, [{ codigo: 'P-3', descripcion: 'ajeno' }]);

        const keys = ['URE180429TM6', 'XAXX010101000', 'B-2', 'NO-EXISTE', 'EKU9003173C9', 'AJENO'];
        const found = await store.findDirectorio(empresa.id, { receptores: keys, productos: ['P-2', 'NO-EXISTE', 'P-1', 'P-3'] });
        assert.equal(found.receptores.get('URE180429TM6')?.clave, 'URE180429TM6', 'the clave beats another receptor whose RFC it is');
        assert.deepEqual(found.receptores.get('XAXX010101000'), { clave: 'B-2', rfc: 'XAXX010101000', nombre: 'BETA', email: 'b@x.mx' },
          'of those sharing an RFC, the lowest clave');
        assert.deepEqual([...found.receptores.keys()].sort(), ['B-2', 'URE180429TM6', 'XAXX010101000'], 'unknown keys and other empresas\' absent');
        for (const k of keys) assert.deepEqual(found.receptores.get(k), await store.findReceptor(empresa.id, k), k);
        assert.deepEqual([...found.productos.keys()].sort(), ['P-1', 'P-2']);
        assert.deepEqual(found.productos.get('P-1'),
          { codigo: 'P-1', claveProdServ: '01010101', claveUnidad: 'H87', unidad: 'PZA', objetoImp: '02', taxProfile, descripcion: 'Tornillo' },
          'the tax profile read back as stored');
        assert.deepEqual(found.productos.get('P-2'), { codigo: 'P-2' });

        const none = await store.findDirectorio(empresa.id, { receptores: [], productos: [] });
        assert.equal(none.receptores.size + none.productos.size, 0);
        const onlyProductos = await store.findDirectorio(empresa.id, { receptores: [], productos: ['P-2'] });
        assert.deepEqual([...onlyProductos.productos.keys()], ['P-2']);
        assert.equal(onlyProductos.receptores.size, 0);
        const onlyReceptores = await store.findDirectorio(empresa.id, { receptores: ['A-1'], productos: [] });
        assert.deepEqual(onlyReceptores.receptores.get('A-1'),
          { clave: 'A-1', rfc: 'URE180429TM6', nombre: 'POR RFC', regimenFiscal: '601', domicilioFiscal: '86991', usoCfdi: 'G03' });
        assert.equal(onlyReceptores.productos.size, 0);
      });

      test('replaceCatalog swaps a whole catalog from async batches; lookups see only the new rows', async () => {
        const row = (key: string, extra: Partial<CatalogRow> = {}): CatalogRow => ({ key, data: { descripcion: `d${key}` }, ...extra });
        assert.equal(await store.replaceCatalog('c_CodigoPostal', [[row('06600'), row('64000')], [row('86991', { vigenciaDesde: '2022-01-01' })]], 'v1.csv'), 3);
        async function* batches() {
          yield [row('06600', { vigenciaDesde: '2022-01-01', vigenciaHasta: '2030-12-31' })];
          yield [row('01000'), row('01000', { data: { descripcion: 'last wins' } })];
        }
        assert.equal(await store.replaceCatalog('c_CodigoPostal', batches(), 'v2.csv'), 2);
        await store.replaceCatalog('c_Moneda', [[row('MXN')]], 'm.csv');
        const got = await store.lookupCatalog('c_CodigoPostal', ['06600', '64000', '01000', 'MXN']);
        assert.deepEqual([...got.keys()].sort(), ['01000', '06600']);
        assert.deepEqual(got.get('06600'), row('06600', { vigenciaDesde: '2022-01-01', vigenciaHasta: '2030-12-31' }));
        assert.deepEqual(got.get('01000')?.data, { descripcion: 'last wins' });
        assert.equal((await store.lookupCatalog('c_CodigoPostal', [])).size, 0);
        assert.deepEqual((await store.catalogStatus()).map((c) => [c.catalog, c.rows, c.source, c.importedAt]),
          [['c_CodigoPostal', 2, 'v2.csv', T0.toISOString()], ['c_Moneda', 1, 'm.csv', T0.toISOString()]]);
      });

      test('a failing import leaves the previous catalog in place', async () => {
        await store.replaceCatalog('c_Pais', [[{ key: 'MEX', data: {} }]], 'a');
        async function* broken(): AsyncGenerator<CatalogRow[]> {
          yield [{ key: 'USA', data: {} }];
          throw new Error('CSV truncated');
        }
        await assert.rejects(store.replaceCatalog('c_Pais', broken(), 'b'), /CSV truncated/);
        assert.deepEqual([...(await store.lookupCatalog('c_Pais', ['MEX', 'USA'])).keys()], ['MEX']);
      });

      test('meta values are set and overwritten', async () => {
        assert.equal(await store.getMeta('demo'), undefined);
        await store.setMeta('demo', '{"a":1}');
        await store.setMeta('demo', '{"a":2}');
        assert.equal(await store.getMeta('demo'), '{"a":2}');
      });

      test('setMetaIfAbsent: the first writer wins, concurrent callers all read the winner', async () => {
        assert.equal(await store.setMetaIfAbsent('once', 'first'), 'first');
        assert.equal(await store.setMetaIfAbsent('once', 'second'), 'first');
        assert.equal(await store.getMeta('once'), 'first');
        const got = await Promise.all(Array.from({ length: 20 }, (_, i) => store.setMetaIfAbsent('race', `v${i}`)));
        assert.equal(new Set(got).size, 1, 'every caller sees the same stored value');
        assert.equal(await store.getMeta('race'), got[0]);
      });
    });

    // ── issue 10 item 6: the client's Serie and Folio, once per empresa ──
    describe('Serie and Folio given by the client', () => {
      const duplicado = (text: RegExp) => (e: unknown) => e instanceof AppError && e.code === 'GEN_FOLIO_DUPLICADO' && text.test(e.message);

      test('used as given without touching the counter; a second peticion with them is refused naming the first UUID', async () => {
        const t = await createTenant(store, { serie: 'B', nextFolio: 41 });
        const a = await store.createPeticion(newPeticion(t));
        assert.deepEqual(await store.assignFolio(a, { serie: 'ERP', folio: '0007' }), { serie: 'ERP', folio: '0007' });
        assert.deepEqual(await store.assignFolio(a, { serie: 'ERP', folio: '0007' }), { serie: 'ERP', folio: '0007' }, 'idempotent');
        const b = await store.createPeticion(newPeticion(t));
        await assert.rejects(store.assignFolio(b, { serie: 'ERP', folio: '0007' }), duplicado(/ERP.*0007.*en proceso/));
        await store.saveSealed(a, '<sealed/>', printed);
        await store.saveStamped(a, '<cfdi/>', cfdiMeta({ uuid: uuidOf(7), serie: 'ERP', folio: '0007' }));
        await assert.rejects(store.assignFolio(b, { serie: 'ERP', folio: '0007' }), duplicado(new RegExp(uuidOf(7))));
        assert.equal((await store.getPeticion(b))?.folio, undefined, 'the refused peticion has no folio');
        assert.equal((await store.getTipo(t.tipo.id))?.nextFolio, 41, 'no counter folio burnt');
        // The same folio in another serie, or without serie, is another CFDI; so is another empresa's.
        assert.deepEqual(await store.assignFolio(b, { serie: 'ERP2', folio: '0007' }), { serie: 'ERP2', folio: '0007' });
        const c = await store.createPeticion(newPeticion(t));
        assert.deepEqual(await store.assignFolio(c, { folio: '0007' }), { serie: 'B', folio: '0007' }, 'a Folio alone takes the tipo serie');
        const other = await createTenant(store);
        const d = await store.createPeticion(newPeticion(other));
        assert.deepEqual(await store.assignFolio(d, { serie: 'ERP', folio: '0007' }), { serie: 'ERP', folio: '0007' });
      });

      test('a Serie alone takes the counter, which skips a folio the client already took', async () => {
        const t = await createTenant(store, { serie: 'B', nextFolio: 41 });
        const a = await store.createPeticion(newPeticion(t));
        assert.deepEqual(await store.assignFolio(a, { serie: 'B', folio: '41' }), { serie: 'B', folio: '41' });
        const b = await store.createPeticion(newPeticion(t));
        assert.deepEqual(await store.assignFolio(b), { serie: 'B', folio: '42' });
        const c = await store.createPeticion(newPeticion(t));
        assert.deepEqual(await store.assignFolio(c, { serie: 'ERP' }), { serie: 'ERP', folio: '43' });
        assert.equal((await store.getTipo(t.tipo.id))?.nextFolio, 44);
      });

      test('releaseFolio frees a Serie-Folio whose peticion was refused before stamping, never one with a CFDI', async () => {
        const t = await createTenant(store);
        const a = await store.createPeticion(newPeticion(t));
        await store.assignFolio(a, { serie: 'R', folio: '1' });
        await store.releaseFolio(a);
        const b = await store.createPeticion(newPeticion(t));
        assert.deepEqual(await store.assignFolio(b, { serie: 'R', folio: '1' }), { serie: 'R', folio: '1' });
        await store.saveSealed(b, '<sealed/>', printed);
        await store.saveStamped(b, '<cfdi/>', cfdiMeta({ uuid: uuidOf(8), serie: 'R', folio: '1' }));
        await store.releaseFolio(b);
        const c = await store.createPeticion(newPeticion(t));
        await assert.rejects(store.assignFolio(c, { serie: 'R', folio: '1' }), duplicado(new RegExp(uuidOf(8))));
      });

      test('30 peticiones with the same Serie-Folio at once on 4 connections: exactly one gets it', async () => {
        const t = await createTenant(store);
        const ids: number[] = [];
        for (let i = 0; i < 30; i++) ids.push(await store.createPeticion(newPeticion(t)));
        const stores = [store, db.openStore(), db.openStore(), db.openStore()];
        const results = await Promise.allSettled(ids.map((id, i) => stores[i % stores.length].assignFolio(id, { serie: 'X', folio: '1' })));
        assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1, JSON.stringify(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason)).slice(0, 3)));
        for (const r of results) if (r.status === 'rejected') assert.ok(duplicado(/X.*1/)(r.reason), String(r.reason));
        assert.equal((await store.getTipo(t.tipo.id))?.nextFolio, t.tipo.nextFolio, 'no counter folio burnt');
      });
    });

    describe('folio concurrency', () => {
      test('200 concurrent assignFolio calls on several connections and 2 other processes: no duplicate, no gap', async () => {
        const t = await createTenant(store, { serie: 'C', nextFolio: 1 });
        const ids: number[] = [];
        for (let i = 0; i < 400; i++) ids.push(await store.createPeticion(newPeticion(t)));
        const mine = ids.slice(0, 200);
        const theirs = [ids.slice(200, 300), ids.slice(300, 400)];
        const stores = [store, db.openStore(), db.openStore(), db.openStore()];
        const startAt = Date.now() + 1_500;
        const children = theirs.map((chunk) => runChild<{ id: number; folio: string }[]>({ op: 'assignFolio', target: db.target, startAt, ids: chunk }));
        await new Promise((r) => setTimeout(r, Math.max(0, startAt - Date.now())));
        const local = await Promise.all(mine.map(async (id, i) => ({ id, folio: (await stores[i % stores.length].assignFolio(id)).folio })));
        // Idempotent under concurrency too: a second wave on the same peticiones changes nothing.
        const again = await Promise.all(mine.slice(0, 50).map(async (id, i) => ({ id, folio: (await stores[(i + 1) % stores.length].assignFolio(id)).folio })));
        const all = [...local, ...(await Promise.all(children)).flat()];

        const folios = all.map((a) => Number(a.folio)).sort((a, b) => a - b);
        assert.deepEqual(folios, Array.from({ length: 400 }, (_, i) => i + 1));
        const byId = new Map(all.map((a) => [a.id, a.folio]));
        for (const a of again) assert.equal(a.folio, byId.get(a.id));
        for (const id of [ids[0], ids[250], ids[399]]) assert.equal((await store.getPeticion(id))?.folio, byId.get(id));
        assert.equal((await store.getTipo(t.tipo.id))?.nextFolio, 401);
      });
    });
  });
}
