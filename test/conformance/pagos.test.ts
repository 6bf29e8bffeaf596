/**
 * Random payment receipts (Pagos 2.0: currencies, partial payments, several documents,
 * traslados and retentions, amounts left for the service to compute) completed, sealed,
 * written and stamped by our code, then checked with the SAT's tools: xmllint (Pagos20.xsd
 * through the driver schema), xsltproc (the SAT cadena stylesheet gives our cadena byte for
 * byte), openssl (the Sello verifies over xsltproc's cadena); their ImpuestosP and Totales
 * against an independent computation with decimal.js from the values in the XML; and no
 * CFDI40/CRP20 rule finds an error in them.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { Decimal } from 'decimal.js';
import { completeComprobante } from '../../src/cfdi/amounts/complete.ts';
import { cadenaOriginal } from '../../src/cfdi/cadena.ts';
import { readComprobante } from '../../src/cfdi/xml/read.ts';
import { writeComprobante } from '../../src/cfdi/xml/write.ts';
import { pagosDe } from '../../src/cfdi/pagos/element.ts';
import type { PagosDraft, PagoDraft, DoctoRelacionadoDraft } from '../../src/cfdi/pagos/draft.ts';
import type { Pagos } from '../../src/cfdi/pagos/model.ts';
import { conceptoPago } from '../../src/layout/resolve.ts';
import { loadCsd, type Csd } from '../../src/sealing/csd.ts';
import { sealComprobante } from '../../src/sealing/seal.ts';
import { generateTestCsd } from '../../src/sealing/test-csd.ts';
import { createTestPacStamper, generateTestPacCredentials } from '../../src/stamping/test-pac/index.ts';
import { ALL_RULES } from '../../src/rules/all.ts';
import { fixtureContext } from '../../src/rules/testing/fixtures.ts';
import { MONEDA_DECIMALES, rng, type Rng } from './random-docs.ts';
import { execFileAsync, pool, skipReason, xmllintSchema, xsltCadena } from './support.ts';

const COUNT = Number(process.env.CFDI_CONFORMANCE_PAGOS ?? 60);
const SEED = Number(process.env.CFDI_CONFORMANCE_SEED ?? 20251201);
const reason = skipReason();
const D = Decimal.clone({ precision: 60, rounding: Decimal.ROUND_HALF_UP });

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
const money = (r: Rng, max: number, dec = 2) => new D(Math.floor(r() * max * 10 ** dec) + 10 ** dec).div(10 ** dec).toFixed(dec);

const UUID = (r: Rng) => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => '0123456789ABCDEF'[Math.floor(r() * 16)]);

function randomDocto(r: Rng, monedaP: string): DoctoRelacionadoDraft {
  const monedaDR = monedaP !== 'MXN' && r() < 0.6 ? 'MXN' : monedaP;
  const saldo = money(r, 50000);
  const pagado = r() < 0.3 ? saldo : new D(saldo).mul(new D(Math.floor(r() * 90) + 5).div(100)).toFixed(2);
  const d: DoctoRelacionadoDraft = { IdDocumento: UUID(r), MonedaDR: monedaDR, NumParcialidad: String(1 + Math.floor(r() * 5)), ImpSaldoAnt: saldo, ImpPagado: pagado };
  if (monedaDR !== monedaP) d.EquivalenciaDR = new D(16 + r() * 4).toFixed(pick(r, [4, 6, 10]));
  const kind = Math.floor(r() * 5);
  if (kind === 0) d.ObjetoImpDR = '01';
  else {
    const TrasladosDR = [{ ImpuestoDR: '002', TipoFactorDR: kind === 4 ? 'Exento' : 'Tasa', ...(kind === 4 ? {} : { TasaOCuotaDR: pick(r, ['0.160000', '0.080000', '0.000000']) }) }];
    const RetencionesDR = kind === 3 ? [{ ImpuestoDR: '001', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.100000' }, { ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.106667' }] : [];
    d.ImpuestosDR = { TrasladosDR, RetencionesDR };
  }
  return d;
}

function randomPagos(r: Rng): PagosDraft {
  const pagos: PagoDraft[] = [];
  for (let i = 0, n = 1 + Math.floor(r() * 3); i < n; i++) {
    const MonedaP = pick(r, ['MXN', 'MXN', 'USD', 'EUR']);
    const p: PagoDraft = { FechaPago: '2025-05-30T10:00:00', FormaDePagoP: pick(r, ['01', '03', '04']), MonedaP, DoctoRelacionado: [] };
    if (MonedaP !== 'MXN') p.TipoCambioP = new D(16 + r() * 4).toFixed(6);
    for (let j = 0, m = 1 + Math.floor(r() * 3); j < m; j++) p.DoctoRelacionado.push(randomDocto(r, MonedaP));
    pagos.push(p);
  }
  return { Pago: pagos };
}

/** Independent Totales and ImpuestosP from the XML's values (decimal.js, not our decimal code). */
function independiente(p: Pagos) {
  const tot = new Map<string, Decimal>();
  const add = (k: string, v: Decimal) => tot.set(k, (tot.get(k) ?? new D(0)).add(v));
  const impuestosP: string[] = [];
  for (const pago of p.Pago) {
    const tc = new D(pago.TipoCambioP ?? '1');
    add('MontoTotalPagos', new D(pago.Monto).mul(tc));
    const grupos = new Map<string, { base: Decimal; imp: Decimal }>();
    for (const d of pago.DoctoRelacionado) {
      const eq = new D(d.EquivalenciaDR ?? '1');
      for (const t of d.ImpuestosDR?.TrasladosDR ?? []) {
        const k = `T|${t.ImpuestoDR}|${t.TipoFactorDR}|${t.TasaOCuotaDR ?? ''}`;
        const g = grupos.get(k) ?? { base: new D(0), imp: new D(0) };
        g.base = g.base.add(new D(t.BaseDR).div(eq));
        if (t.ImporteDR) g.imp = g.imp.add(new D(t.ImporteDR).div(eq));
        grupos.set(k, g);
      }
      for (const t of d.ImpuestosDR?.RetencionesDR ?? []) {
        const k = `R|${t.ImpuestoDR}`;
        const g = grupos.get(k) ?? { base: new D(0), imp: new D(0) };
        g.imp = g.imp.add(new D(t.ImporteDR!).div(eq));
        grupos.set(k, g);
      }
    }
    for (const [k, g] of [...grupos].sort()) impuestosP.push(`${k}|${k.startsWith('T') ? g.base.toFixed(6) : ''}|${k.includes('Exento') ? '' : g.imp.toFixed(6)}`);
    for (const t of pago.ImpuestosP?.TrasladosP ?? []) {
      if (t.ImpuestoP !== '002') continue;
      const s = t.TipoFactorP === 'Exento' ? 'Exento' : new D(t.TasaOCuotaP!).mul(100).toNumber().toString();
      const name = { '16': 'IVA16', '8': 'IVA8', '0': 'IVA0', Exento: 'IVAExento' }[s]!;
      add(`TotalTrasladosBase${name}`, new D(t.BaseP).mul(tc));
      if (t.ImporteP) add(`TotalTrasladosImpuesto${name}`, new D(t.ImporteP).mul(tc));
    }
    for (const x of pago.ImpuestosP?.RetencionesP ?? []) add(`TotalRetenciones${{ '001': 'ISR', '002': 'IVA', '003': 'IEPS' }[x.ImpuestoP]}`, new D(x.ImporteP).mul(tc));
  }
  const totales: Record<string, string> = {};
  for (const [k, v] of tot) totales[k] = v.toFixed(2);
  return { totales, impuestosP };
}

interface Doc { file: string; cadena: string; pubPem: string }

describe(`payment receipts against xmllint/xsltproc/openssl (${COUNT} random documents, seed ${SEED})`, () => {
  const docs: Doc[] = [];
  before(async () => {
    if (reason) return;
    const dir = mkdtempSync(join(tmpdir(), 'cfdi-pagos-'));
    const emisor = { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' };
    const files = await generateTestCsd({ rfc: emisor.Rfc, nombre: emisor.Nombre, password: 'p', validFrom: new Date('2024-06-01T00:00:00Z'), validTo: new Date('2028-06-01T00:00:00Z') });
    const csd: Csd = loadCsd({ ...files, password: 'p' });
    const pubPem = join(dir, 'emisor.pem');
    writeFileSync(pubPem, new X509Certificate(csd.cer).publicKey.export({ type: 'spki', format: 'pem' }));
    const pac = await generateTestPacCredentials();
    // An hour after the receipts' Fecha (10:00 in 42501, UTC−6): a PAC refuses a Fecha ahead of its clock.
    const stamper = createTestPacStamper({ ...pac, clock: () => new Date('2025-06-01T17:00:00Z') });
    const r = rng(SEED);
    for (let k = 0; k < COUNT; k++) {
      const faltantesPagos: unknown[] = [];
      const c = completeComprobante({
        Version: '4.0', Fecha: '2025-06-01T10:00:00', LugarExpedicion: '42501', Moneda: 'XXX', TipoDeComprobante: 'P', Exportacion: '01', CfdiRelacionados: [],
        Emisor: emisor,
        Receptor: { Rfc: 'URE180429TM6', Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', DomicilioFiscalReceptor: '86991', RegimenFiscalReceptor: '601', UsoCFDI: 'CP01' },
        Conceptos: [conceptoPago()],
        Pagos: randomPagos(r),
      }, { monedaDecimales: (m) => MONEDA_DECIMALES[m], faltantesPagos: faltantesPagos as never[] });
      assert.deepEqual(faltantesPagos, []);
      const sealed = sealComprobante({ ...c, Serie: 'P', Folio: String(k + 1) }, csd);
      const stamped = await stamper.stamp(writeComprobante(sealed));
      const file = join(dir, `pago-${String(k).padStart(4, '0')}.xml`);
      writeFileSync(file, stamped.xml);
      docs.push({ file, cadena: cadenaOriginal(sealed), pubPem });
    }
  });

  test('every receipt validates against the SAT schemas (CFDI 4.0 + Pagos 2.0 + TFD 1.1)', (t) => {
    if (reason) return t.skip(reason);
    const r = xmllintSchema(docs.map((d) => d.file));
    assert.deepEqual(r.failed, [], r.output.split('\n').filter((l) => !l.endsWith(' validates')).slice(0, 20).join('\n'));
  });

  test('xsltproc gives our cadena byte for byte, and openssl verifies the Sello over it', async (t) => {
    if (reason) return t.skip(reason);
    await pool(docs, 4, async (d) => {
      const theirs = await xsltCadena(d.file);
      assert.equal(theirs, d.cadena, d.file);
      writeFileSync(`${d.file}.cadena`, theirs);
      const sello = readFileSync(d.file, 'utf8').match(/ Sello="([^"]+)"/)![1];
      writeFileSync(`${d.file}.sello`, Buffer.from(sello, 'base64'));
      const v = await execFileAsync('openssl', ['dgst', '-sha256', '-verify', d.pubPem, '-signature', `${d.file}.sello`, `${d.file}.cadena`]);
      assert.equal(v.stdout.trim(), 'Verified OK', d.file);
    });
  });

  test('ImpuestosP and Totales equal an independent computation; no SAT rule finds an error', (t) => {
    if (reason) return t.skip(reason);
    let conImpuestos = 0;
    for (const d of docs) {
      const c = readComprobante(readFileSync(d.file, 'utf8'));
      const p = pagosDe(c)!;
      const ind = independiente(p);
      const ours: Record<string, string> = {};
      for (const [k, v] of Object.entries(p.Totales)) if (v !== undefined) ours[k] = v;
      assert.deepEqual(ours, ind.totales, d.file);
      const oursP: string[] = [];
      for (const pago of p.Pago) {
        const rows: string[] = [];
        for (const x of pago.ImpuestosP?.TrasladosP ?? []) rows.push(`T|${x.ImpuestoP}|${x.TipoFactorP}|${x.TasaOCuotaP ?? ''}|${x.BaseP}|${x.ImporteP ?? ''}`);
        for (const x of pago.ImpuestosP?.RetencionesP ?? []) rows.push(`R|${x.ImpuestoP}||${x.ImporteP}`);
        oursP.push(...rows.sort());
      }
      assert.deepEqual(oursP, ind.impuestosP, d.file);
      if (oursP.length) conImpuestos++;
      const ctx = fixtureContext();
      const errors = ALL_RULES.flatMap((rule) => rule.check(c, ctx)).filter((f) => f.status === 'error');
      assert.deepEqual(errors.map((f) => `${f.code} ${f.node ?? ''} ${f.attribute ?? ''} ${f.value ?? ''} ${f.detail ?? ''}`), [], d.file);
    }
    assert.ok(conImpuestos > COUNT / 2, `${conImpuestos} receipts with taxes`);
  });
});
