/**
 * The SW Sapien adapter against its loopback double (test/doubles/sw-double.ts): auth
 * token cached and refreshed, the customid sent and stable, 307/CFDI3307 recovered (from
 * `data.cfdi` or from storage by UUID), every row of the classification table, and each
 * fault of the network leaving a retryable error that the next attempt recovers.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createSwStamper, codigoSw, type SwOptions } from './index.ts';
import { TABLA_SW } from './errores.ts';
import { clasificar, type Clase } from '../clasificacion.ts';
import { StampError } from '../stamper.ts';
import { formatGenerationError } from '../../shared/errors.ts';
import type { Csd } from '../../sealing/csd.ts';
import { startSwDouble, type SwDouble } from '../../../test/doubles/sw-double.ts';
import { sealedXml, testCsd } from '../../../test/doubles/sealed.ts';

let d: SwDouble;
let csd: Csd;
let folio = 100;
const timeouts = { connectMs: 1_000, totalMs: 1_500 };

before(async () => {
  [d, csd] = await Promise.all([startSwDouble(), testCsd()]);
});
after(async () => {
  assert.deepEqual(d.violaciones, []);
  await d.close();
});

const stamper = (o: Partial<SwOptions> = {}) =>
  createSwStamper({ url: d.url, urlApi: d.urlApi, usuario: 'demo@cfdi-async.test', password: 'clave-sw-ñ&<>', produccion: true, timeouts, ...o });
const auths = () => d.peticiones.filter((p) => p.ruta === '/v2/security/authenticate').length;

describe('SW Sapien: auth', () => {
  test('the token is obtained once and reused; a 401 (revoked) authenticates again once', async () => {
    const s = stamper();
    const before0 = auths();
    await s.stamp(sealedXml(csd, folio++));
    await s.stamp(sealedXml(csd, folio++));
    assert.equal(auths() - before0, 1);
    d.revocar();
    const r = await s.stamp(sealedXml(csd, folio++));
    assert.ok(r.tfd.UUID);
    assert.equal(auths() - before0, 2);
  });

  test('a token near expires_in is refreshed before use', async () => {
    const short = await startSwDouble({ tokenTtlS: 30 }); // inside the 60 s margin: never reused
    try {
      const s = createSwStamper({ url: short.url, urlApi: short.urlApi, usuario: 'demo@cfdi-async.test', password: 'clave-sw-ñ&<>', produccion: false, timeouts });
      await s.stamp(sealedXml(csd, folio++));
      await s.stamp(sealedXml(csd, folio++));
      assert.equal(short.peticiones.filter((p) => p.ruta === '/v2/security/authenticate').length, 2);
    } finally {
      await short.close();
    }
  });

  test('an account token is used as is; wrong credentials are retryable (the operator fixes them)', async () => {
    const token = [...d.tokens][0] ?? (await (async () => { await stamper().stamp(sealedXml(csd, folio++)); return [...d.tokens][0]; })());
    const before0 = auths();
    await createSwStamper({ url: d.url, urlApi: d.urlApi, token, produccion: true, timeouts }).stamp(sealedXml(csd, folio++));
    assert.equal(auths(), before0);
    await assert.rejects(stamper({ password: 'otra' }).stamp(sealedXml(csd, folio++)),
      (e: unknown) => e instanceof StampError && e.code === '300' && e.retryable);
  });
});

describe('SW Sapien: stamp v4 and the earlier stamp', () => {
  test('customid is sent on every attempt, the same one', async () => {
    const sealed = sealedXml(csd, folio++);
    const s = stamper();
    await s.stamp(sealed, { clave: 'a'.repeat(64) });
    await s.stamp(sealed, { clave: 'a'.repeat(64) });
    const sent = d.peticiones.filter((p) => p.ruta === '/v4/cfdi33/stamp/v4').slice(-2).map((p) => p.customid);
    assert.deepEqual(sent, ['a'.repeat(64), 'a'.repeat(64)]);
  });

  test('307 with only data.tfd: the XML comes from storage on the api host', async () => {
    const sealed = sealedXml(csd, folio++);
    const first = await stamper().stamp(sealed);
    d.previoSoloTfd = true;
    try {
      const again = await stamper().stamp(sealed);
      assert.equal(again.tfd.UUID, first.tfd.UUID);
      assert.equal(again.xml, first.xml);
      assert.ok(d.peticiones.some((p) => p.ruta === `/api-host/datawarehouse/v1/live/${first.tfd.UUID}`));
    } finally {
      d.previoSoloTfd = false;
    }
  });

  test('CFDI3307 (same customid, other bytes): the first stamp is recovered from storage, no second UUID', async () => {
    const a = sealedXml(csd, folio);
    const b = sealedXml(csd, folio++).replace('Folio="', 'Folio="9'); // other bytes (its Sello no longer matches: never stamped)
    const first = await stamper().stamp(a, { clave: 'clave-3307' });
    const n = d.core.timbrados.size;
    const r = await stamper().stamp(b, { clave: 'clave-3307' });
    assert.equal(r.tfd.UUID, first.tfd.UUID);
    assert.equal(d.core.timbrados.size, n);
  });
});

/** What each code must mean, written independently of the table so that a changed row fails here. */
const CASOS: Array<[string, Clase]> = [
  ['307', 'timbre-previo'], ['CFDI3307', 'timbre-previo'], ['300', 'reintentable'], ['301', 'permanente'], ['302', 'permanente'],
  ['303', 'permanente'], ['304', 'permanente'], ['305', 'permanente'], ['306', 'permanente'], ['308', 'permanente'],
  ['401', 'permanente'], ['402', 'permanente'], ['403', 'permanente'],
];

describe('SW Sapien: classification table (one case per row, through the double)', () => {
  test('every row has its case', () => {
    assert.deepEqual(TABLA_SW.filas.map((f) => f.codigo), CASOS.map(([c]) => c));
  });
  for (const [codigo, clase] of CASOS) {
    const fila = { codigo, clase };
    test(`${fila.codigo} → ${fila.clase}`, async () => {
      const sealed = sealedXml(csd, folio++);
      if (fila.clase === 'timbre-previo') {
        const first = await stamper().stamp(sealed, { clave: `fila-${fila.codigo}` });
        // 307 comes from the same bytes; CFDI3307 from the same customid with other bytes.
        const again = fila.codigo === '307' ? sealed : sealed.replace('Folio="', 'Folio="8');
        const r = await stamper().stamp(again, { clave: `fila-${fila.codigo}` });
        assert.equal(r.tfd.UUID, first.tfd.UUID);
        return;
      }
      const sep = fila.codigo.startsWith('3') ? '.' : ' -';
      d.respuestas.push({ http: 400, message: `${fila.codigo}${sep} Texto del PAC para ${fila.codigo}.` });
      const e = await stamper().stamp(sealed).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof StampError, String(e));
      assert.equal(e.code, fila.codigo);
      assert.equal(e.retryable, fila.clase === 'reintentable');
      // The client's text: the PAC's own code and words, in the seed's shape.
      if (!e.retryable) assert.equal(formatGenerationError(e.code, e.message), `Error ${fila.codigo}\nTexto del PAC para ${fila.codigo}. :\n Código de error: ${fila.codigo}`);
    });
  }

  test('a SAT matrix code is permanent, an unknown one retryable', async () => {
    d.respuestas.push({ http: 400, message: 'CFDI40108 - El TipoDeComprobante no es I, E o T.' });
    await assert.rejects(stamper().stamp(sealedXml(csd, folio++)), (e: unknown) => e instanceof StampError && e.code === 'CFDI40108' && !e.retryable
      && e.message === 'El TipoDeComprobante no es I, E o T');
    d.respuestas.push({ http: 400, message: '999 - Algo nuevo' });
    await assert.rejects(stamper().stamp(sealedXml(csd, folio++)), (e: unknown) => e instanceof StampError && e.retryable);
    assert.equal(clasificar(TABLA_SW, 'CRP20101'), 'permanente');
    assert.deepEqual(codigoSw('307. El comprobante contiene un timbre previo.'), { codigo: '307', texto: 'El comprobante contiene un timbre previo.' });
  });
});

describe('SW Sapien: faults leave the request retryable, and the retry recovers the one stamp', () => {
  for (const falla of ['corte', 'error500', 'cuelga', 'previo-sin-datos'] as const) {
    test(falla, async () => {
      const sealed = sealedXml(csd, folio++);
      d.core.fallas.push(falla);
      const e = await stamper().stamp(sealed, { clave: `falla-${falla}` }).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof StampError && e.retryable, `retryable, got ${String(e)}`);
      const r = await stamper().stamp(sealed, { clave: `falla-${falla}` });
      const stamped = d.core.timbrados.get((await import('../../../test/doubles/pac-core.ts')).hashOf(sealed));
      assert.equal(r.tfd.UUID, stamped?.uuid, 'the UUID the PAC gave the first time');
    });
  }
});
