/**
 * The random layout documents (random-docs.ts `randomLayoutCase`) sent through the whole
 * service flow as an integrator would — submit, process (layout → amounts → SAT rules →
 * Fecha/P checks → Serie-Folio → seal → offline test PAC → PDF), GET — on real SQLite
 * with a fixed clock, and each answer compared with what the case says must come out:
 * every amount from the independent oracle, the Serie/Folio/Fecha as given, the text
 * as written, or exactly the expected error codes. Shared by test/conformance/random.test.ts
 * (a few hundred documents) and `npm run bench -- conformance` (thousands).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { X509Certificate } from 'node:crypto';
import { pino } from 'pino';
import { loadConfig } from '../../src/config/config.ts';
import { openRuntime, type Runtime } from '../../src/main/runtime.ts';
import { ensureDemoTenant, type DemoTenant } from '../../src/invoicing/demo.ts';
import { submitPeticion } from '../../src/invoicing/submit.ts';
import { queryPeticion } from '../../src/invoicing/query.ts';
import { newCaches, processPeticion } from '../../src/invoicing/process.ts';
import { readComprobante } from '../../src/cfdi/xml/read.ts';
import { cadenaOriginal } from '../../src/cfdi/cadena.ts';
import type { Comprobante, TimbreFiscalDigital } from '../../src/cfdi/model.ts';
import { randomLayoutCase, rng, type LayoutCase } from './random-docs.ts';

export interface StampedDoc {
  file: string;
  cadena: string;
  tfd: TimbreFiscalDigital;
}

export interface FlowRun {
  /** Every difference between what came out and what the case says, one line each. */
  mismatches: string[];
  stamped: StampedDoc[];
  refused: number;
  /** How many cases exercised each feature (LayoutCase.features). */
  features: Map<string, number>;
  /** Public keys (SPKI PEM files) of the emisor's CSD and of the test PAC, for openssl. */
  emisorPem: string;
  pacPem: string;
  dir: string;
  close(): Promise<void>;
}

/** The flow's clock: 12:00:00 in Pachuca (the demo sucursal's CP 42501, UTC−6). */
export const FLOW_NOW = new Date('2026-11-23T18:00:00Z');

const codesOf = (errors: string[]) => [...new Set(errors.map((e) => /^Error ([A-Z0-9_]+)\n/.exec(e)?.[1] ?? e))].sort();

export async function runLayoutFlow(o: { count: number; seed: number; onProgress?: (done: number) => void }): Promise<FlowRun> {
  // On a RAM file system when there is one: the durable commits' fsyncs are not what is tested here.
  const dir = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'cfdi-conformance-flow-'));
  // The demo CSD is made a week before the clock, so Fechas 72 hours old are inside its validity.
  let now = new Date(FLOW_NOW.getTime() - 7 * 86_400_000);
  const rt: Runtime = await openRuntime(loadConfig({}, { CFDI_DATA_DIR: dir }), { clock: () => now, log: pino({ level: 'silent' }) });
  const close = async () => {
    await rt.close();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const demo: DemoTenant = (await ensureDemoTenant(rt.deps)).tenant;
    now = FLOW_NOW;
    const empresa = (await rt.store.getEmpresaByKey(demo.keyEmpresa))!;
    const emisorPem = join(dir, 'emisor.pem');
    writeFileSync(emisorPem, new X509Certificate((await rt.store.getCsd(empresa.id))!.cer).publicKey.export({ type: 'spki', format: 'pem' }));
    const pacPem = join(dir, 'pac.pem');
    writeFileSync(pacPem, new X509Certificate(rt.testPacCertificatePem).publicKey.export({ type: 'spki', format: 'pem' }));

    const r = rng(o.seed);
    const cases: LayoutCase[] = [];
    const uuids: string[] = [];
    const mismatches: string[] = [];
    const stamped: StampedDoc[] = [];
    let refused = 0;
    const features = new Map<string, number>();
    for (let k = 0; k < o.count; k++) {
      const c = randomLayoutCase(r, k, FLOW_NOW, cases, String(o.seed % 10_000));
      cases.push(c);
      for (const f of c.features) features.set(f, (features.get(f) ?? 0) + 1);
      const { idPeticion } = await submitPeticion(rt.deps, demo.keyEmpresa, { idTipoCfd: demo.idTipoCfd, idSucursal: demo.idSucursal, archivoFuente: c.text });
      const internal = rt.deps.ids.decode('peticion', idPeticion)!;
      await processPeticion(rt.deps, newCaches(), internal);
      const answer = await queryPeticion(rt.deps, demo.keyEmpresa, idPeticion);
      const where = `case ${k} (seed ${o.seed})`;
      const body = answer.body as { errors?: string[]; uuid?: string };
      if (c.expectErrors.length) {
        refused++;
        const codes = codesOf(body.errors ?? []);
        if (answer.status !== 400 || codes.join() !== c.expectErrors.join()) {
          mismatches.push(`${where}: expected ${c.expectErrors.join(', ')}, got ${answer.status} ${codes.join(', ')}\n${c.text}\n${JSON.stringify(body.errors ?? body)}`);
        } else if (c.expectErrors[0] === 'GEN_FOLIO_DUPLICADO' && !body.errors!.some((e) => e.includes(uuids[c.repeats!]))) {
          mismatches.push(`${where}: the duplicate Serie-Folio error does not name the earlier UUID ${uuids[c.repeats!]}: ${body.errors!.join(' ')}`);
        }
        o.onProgress?.(k + 1);
        continue;
      }
      if (answer.status !== 200) {
        mismatches.push(`${where}: expected a stamped CFDI, got ${answer.status}\n${c.text}\n${JSON.stringify(body)}`);
        o.onProgress?.(k + 1);
        continue;
      }
      uuids[k] = body.uuid!;
      const p = await rt.store.getPeticion(internal);
      const xml = (await rt.store.getCfdiXml(p!.cfdiId!))!;
      const cfdi = readComprobante(xml);
      for (const m of compare(c, cfdi)) mismatches.push(`${where}: ${m}\n${c.text}`);
      const file = join(dir, `flow-${String(k).padStart(5, '0')}.xml`);
      writeFileSync(file, xml);
      stamped.push({ file, cadena: cadenaOriginal(cfdi), tfd: cfdi.Complemento!.TimbreFiscalDigital! });
      o.onProgress?.(k + 1);
    }
    return { mismatches, stamped, refused, features, emisorPem, pacPem, dir, close };
  } catch (e) {
    await close();
    throw e;
  }
}

/** What the stamped CFDI carries against what the case says; one line per difference. */
function compare(c: LayoutCase, x: Comprobante): string[] {
  const out: string[] = [];
  const eq = (what: string, got: string | undefined, want: string | undefined) => {
    if (got !== want) out.push(`${what}: got ${got ?? '(absent)'}, want ${want ?? '(absent)'}`);
  };
  const a = c.amounts;
  eq('Serie', x.Serie, c.serie);
  if (c.folio !== undefined) eq('Folio', x.Folio, c.folio);
  else if (!/^\d+$/.test(x.Folio ?? '')) out.push(`Folio: got ${x.Folio}, want the tipo's counter`);
  if (c.fecha !== undefined) eq('Fecha', x.Fecha, c.fecha);
  eq('Moneda', x.Moneda, c.moneda);
  eq('SubTotal', x.SubTotal, a.subTotal);
  eq('Descuento', x.Descuento, a.descuento);
  eq('Total', x.Total, a.total);
  eq('TotalImpuestosTrasladados', x.Impuestos?.TotalImpuestosTrasladados, a.totalTrasladados);
  eq('TotalImpuestosRetenidos', x.Impuestos?.TotalImpuestosRetenidos, a.totalRetenidos);
  eq('Conceptos', String(x.Conceptos.length), String(a.conceptos.length));
  a.conceptos.forEach((k, i) => {
    const got = x.Conceptos[i];
    if (!got) return;
    eq(`Concepto[${i + 1}]@Descripcion`, got.Descripcion, c.descripciones[i]);
    eq(`Concepto[${i + 1}]@Importe`, got.Importe, k.importe);
    const tras = got.Impuestos?.Traslados ?? [];
    const rets = got.Impuestos?.Retenciones ?? [];
    eq(`Concepto[${i + 1}] traslados`, String(tras.length), String(k.traslados.length));
    eq(`Concepto[${i + 1}] retenciones`, String(rets.length), String(k.retenciones.length));
    k.traslados.forEach((t, j) => {
      eq(`Concepto[${i + 1}] Traslado[${j + 1}]@Base`, tras[j]?.Base, t.base);
      eq(`Concepto[${i + 1}] Traslado[${j + 1}]@Importe`, tras[j]?.Importe, t.importe);
    });
    k.retenciones.forEach((t, j) => {
      eq(`Concepto[${i + 1}] Retencion[${j + 1}]@Base`, rets[j]?.Base, t.base);
      eq(`Concepto[${i + 1}] Retencion[${j + 1}]@Importe`, rets[j]?.Importe, t.importe);
    });
  });
  // Document rows: one per group, whatever their order.
  const rows = new Map((x.Impuestos?.Traslados ?? []).map((t) => [`${t.Impuesto}|${t.TipoFactor}|${t.TasaOCuota ?? ''}`, t]));
  eq('Traslado rows', String(rows.size), String(a.traslados.length));
  for (const t of a.traslados) {
    const key = `${t.impuesto}|${t.factor}|${t.tasa ?? ''}`;
    eq(`Traslado ${key}@Base`, rows.get(key)?.Base, t.base);
    eq(`Traslado ${key}@Importe`, rows.get(key)?.Importe, t.importe);
  }
  const rets = new Map((x.Impuestos?.Retenciones ?? []).map((t) => [t.Impuesto, t.Importe]));
  eq('Retencion rows', String(rets.size), String(a.retenciones.length));
  for (const t of a.retenciones) eq(`Retencion ${t.impuesto}@Importe`, rets.get(t.impuesto), t.importe);
  return out;
}
