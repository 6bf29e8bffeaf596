/**
 * The Finkok adapter against its loopback SOAP double (test/doubles/finkok-double.ts):
 * the envelope it sends, 307 without xml recovered with `stamped` through 603 (bounded),
 * every row of the classification table, and each network fault left retryable and
 * recovered by the next attempt with the same bytes.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createFinkokStamper, readStampAnswer, type FinkokOptions } from './index.ts';
import { TABLA_FINKOK } from './errores.ts';
import type { Clase } from '../clasificacion.ts';
import { StampError } from '../stamper.ts';
import { formatGenerationError } from '../../shared/errors.ts';
import type { Csd } from '../../sealing/csd.ts';
import { startFinkokDouble, type FinkokDouble } from '../../../test/doubles/finkok-double.ts';
import { hashOf } from '../../../test/doubles/pac-core.ts';
import { sealedXml, testCsd } from '../../../test/doubles/sealed.ts';

let d: FinkokDouble;
let csd: Csd;
let folio = 200;
const timeouts = { connectMs: 1_000, totalMs: 1_500 };
const pausas: number[] = [];

before(async () => {
  [d, csd] = await Promise.all([startFinkokDouble(), testCsd()]);
});
after(async () => {
  assert.deepEqual(d.violaciones, []);
  await d.close();
});

const stamper = (o: Partial<FinkokOptions> = {}) => createFinkokStamper({
  url: d.url, usuario: d.usuario, password: d.password, produccion: true, timeouts,
  recuperacion: { intentos: 4, pausaMs: 20 }, sleep: async (ms) => { pausas.push(ms); await new Promise((r) => setTimeout(r, ms)); }, ...o,
});
const ops = () => d.peticiones.map((p) => p.operacion);

describe('Finkok: stamp and the earlier stamp', () => {
  test('stamp sends the base64 XML and the credentials in the stamp namespace (the double checks the envelope)', async () => {
    const before0 = d.peticiones.length;
    const r = await stamper().stamp(sealedXml(csd, folio++));
    assert.equal(r.produccion, true);
    assert.deepEqual(ops().slice(before0), ['stamp']);
  });

  test('307 without xml while the stamp is fresh: `stamped` answers 603, then the stamp (never quick_stamp)', async () => {
    const sealed = sealedXml(csd, folio++);
    const first = await stamper().stamp(sealed);
    d.ventanaMs = 120;
    pausas.length = 0;
    try {
      const before0 = d.peticiones.length;
      const r = await stamper().stamp(sealed);
      assert.equal(r.tfd.UUID, first.tfd.UUID);
      const seq = ops().slice(before0);
      assert.equal(seq[0], 'stamp');
      assert.ok(seq.slice(1).every((x) => x === 'stamped') && seq.length >= 3, seq.join(','));
      assert.deepEqual(pausas, pausas.map((_, i) => 20 * 2 ** i), 'the pause doubles');
    } finally {
      d.ventanaMs = 0;
    }
  });

  test('`stamped` is bounded: still 603 after every try → retryable, and exactly the configured number of tries', async () => {
    const sealed = sealedXml(csd, folio++);
    await stamper().stamp(sealed);
    d.ventanaMs = 60_000;
    try {
      const before0 = d.peticiones.length;
      await assert.rejects(stamper().stamp(sealed), (e: unknown) => e instanceof StampError && e.retryable && /603/.test(e.message));
      assert.deepEqual(ops().slice(before0), ['stamp', 'stamped', 'stamped', 'stamped', 'stamped']);
    } finally {
      d.ventanaMs = 0;
    }
  });

  test('a SOAP fault and an unknown envelope are "no answer" (retryable)', () => {
    const fault = `<senv:Envelope xmlns:senv="http://schemas.xmlsoap.org/soap/envelope/"><senv:Body><senv:Fault><faultcode>senv:Server</faultcode><faultstring>boom</faultstring></senv:Fault></senv:Body></senv:Envelope>`;
    assert.throws(() => readStampAnswer(fault, 'stamp'), (e: unknown) => e instanceof StampError && e.retryable && /boom/.test(e.message));
    assert.throws(() => readStampAnswer('<html/>', 'stamp'), (e: unknown) => e instanceof StampError && e.retryable);
  });
});

/** What each code must mean, written independently of the table so that a changed row fails here. */
const CASOS: Array<[string, Clase]> = [
  ['307', 'timbre-previo'], ['300', 'reintentable'], ['301', 'permanente'], ['302', 'permanente'], ['303', 'permanente'],
  ['304', 'permanente'], ['305', 'permanente'], ['306', 'permanente'], ['308', 'permanente'], ['401', 'permanente'],
  ['402', 'permanente'], ['403', 'permanente'], ['501', 'reintentable'], ['603', 'reintentable'], ['703', 'reintentable'],
  ['704', 'permanente'], ['705', 'permanente'], ['706', 'reintentable'], ['709', 'reintentable'],
];

describe('Finkok: classification table (one case per row, through the double)', () => {
  test('every row has its case', () => {
    assert.deepEqual(TABLA_FINKOK.filas.map((f) => f.codigo), CASOS.map(([c]) => c));
  });
  for (const [codigo, clase] of CASOS) {
    test(`${codigo} → ${clase}`, async () => {
      const sealed = sealedXml(csd, folio++);
      if (clase === 'timbre-previo') {
        const first = await stamper().stamp(sealed);
        assert.equal((await stamper().stamp(sealed)).tfd.UUID, first.tfd.UUID);
        return;
      }
      d.incidencias.push({ codigo, mensaje: `Texto de Finkok para ${codigo}` });
      const e = await stamper().stamp(sealed).then(() => undefined, (x: unknown) => x);
      assert.ok(e instanceof StampError, String(e));
      assert.equal(e.code, codigo);
      assert.equal(e.retryable, clase === 'reintentable');
      if (!e.retryable) assert.equal(formatGenerationError(e.code, e.message), `Error ${codigo}\nTexto de Finkok para ${codigo}. :\n Código de error: ${codigo}`);
    });
  }

  test('wrong credentials: incidence 300, retryable', async () => {
    await assert.rejects(stamper({ password: 'otra' }).stamp(sealedXml(csd, folio++)), (e: unknown) => e instanceof StampError && e.code === '300' && e.retryable);
  });

  test('a SAT matrix code is permanent with its own text', async () => {
    d.incidencias.push({ codigo: 'CFDI40108', mensaje: 'El TipoDeComprobante no es I, E o T.' });
    await assert.rejects(stamper().stamp(sealedXml(csd, folio++)),
      (e: unknown) => e instanceof StampError && e.code === 'CFDI40108' && !e.retryable && e.message === 'El TipoDeComprobante no es I, E o T');
  });
});

describe('Finkok: faults leave the request retryable, and the retry recovers the one stamp', () => {
  for (const falla of ['corte', 'error500', 'cuelga', 'previo-sin-datos'] as const) {
    test(falla, async () => {
      const sealed = sealedXml(csd, folio++);
      d.core.fallas.push(falla);
      const first = await stamper().stamp(sealed).then((r) => r, (x: unknown) => x);
      // 307 without data is recovered inside the call by `stamped`; the others fail retryably.
      if (falla !== 'previo-sin-datos') assert.ok(first instanceof StampError && first.retryable, `retryable, got ${String(first)}`);
      const r = await stamper().stamp(sealed);
      assert.equal(r.tfd.UUID, d.core.timbrados.get(hashOf(sealed))?.uuid);
      // A 500 is answered before stamping; the other faults happen after the stamp.
      assert.equal(d.core.llamadas.get(hashOf(sealed)), falla === 'error500' ? 1 : 2, 'the same bytes reached the PAC, stamped once');
    });
  }
});
