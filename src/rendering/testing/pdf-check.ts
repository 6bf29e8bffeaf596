/**
 * Test helpers: read a PDF back with poppler's `pdftotext`, decode its QR code with
 * `pdftoppm` + `zbarimg`, and list every datum the printed CFDI must show. For the PDF
 * writer itself: `qpdf --check`, `pdffonts`, `pdfinfo`, rendered pixels (`pdftoppm -ppm`)
 * and the embedded fonts checked by fontTools (`check_fonts.py`).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestContext } from 'node:test';
import assert from 'node:assert/strict';
import type { InvoiceView } from '../view-model.ts';
import { fontDir } from '../pdf/fonts.ts';

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Why the PDF tool checks cannot run here, or undefined when they can. */
export function missingPdfTools(): string | undefined {
  const missing = ['pdftotext', 'pdftoppm', 'pdfinfo', 'zbarimg'].filter((c) => !has(c));
  return missing.length ? `missing ${missing.join(', ')} (Debian poppler-utils, zbar-tools)` : undefined;
}

function withFile<T>(pdf: Buffer, f: (path: string, dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'cfdi-pdf-'));
  try {
    const path = join(dir, 'doc.pdf');
    writeFileSync(path, pdf);
    return f(path, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(cmd: string, args: string[]): string {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

export function pdfText(pdf: Buffer): string {
  return withFile(pdf, (p) => run('pdftotext', ['-enc', 'UTF-8', p, '-']));
}

// ---- oracles of the PDF writer ----------------------------------------------------------

/** A Python 3 that has fontTools (Debian python3-fonttools), if any. */
function fontToolsPython(): string | undefined {
  for (const py of ['python3', '/usr/bin/python3']) {
    if (spawnSync(py, ['-c', 'import fontTools'], { encoding: 'utf8' }).status === 0) return py;
  }
  return undefined;
}
let python: string | undefined | null = null;

/** Why the PDF writer's oracles cannot run here, or undefined when they can. */
export function missingWriterTools(): string | undefined {
  const missing = ['qpdf', 'pdffonts', 'pdfinfo', 'pdftoppm', 'pdftotext'].filter((c) => !has(c));
  if (python === null) python = fontToolsPython();
  if (!python) missing.push('python3 with fontTools');
  return missing.length ? `missing ${missing.join(', ')} (Debian qpdf, poppler-utils, python3-fonttools)` : undefined;
}

/** Skips a test whose oracle is missing, except under CI, where that is a failure. */
export function skipWithout(t: TestContext, reason: string | undefined): boolean {
  if (!reason) return false;
  if (process.env.CI === 'true') assert.fail(`oracle missing under CI: ${reason}`);
  t.skip(reason);
  return true;
}

/** `qpdf --check`: the structure, cross-reference table and every stream are read back. */
export function qpdfCheck(pdf: Buffer): { ok: boolean; output: string } {
  return withFile(pdf, (p) => {
    const r = spawnSync('qpdf', ['--check', p], { encoding: 'utf8' });
    // Exit 0 = clean; 2 = errors; 3 = warnings (e.g. a repaired xref), a failure here too.
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}` };
  });
}

export interface FontRow { name: string; type: string; encoding: string; emb: string; sub: string; uni: string }

/** The fonts poppler finds in the document (`pdffonts`). */
export function pdfFonts(pdf: Buffer): FontRow[] {
  const out = withFile(pdf, (p) => run('pdffonts', [p]));
  return out.split('\n').slice(2).filter((l) => l.trim() !== '').map((l) => {
    const m = /^(\S+)\s+(.+?)\s{2,}(\S+)\s+(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+$/.exec(l);
    if (!m) throw new Error(`unexpected pdffonts line: ${l}`);
    return { name: m[1], type: m[2], encoding: m[3], emb: m[4], sub: m[5], uni: m[6] };
  });
}

/** `pdfinfo` as key → value (Title, Author, Pages, PDF version…). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  const out = withFile(pdf, (p) => run('pdfinfo', ['-enc', 'UTF-8', p]));
  const info: Record<string, string> = {};
  for (const l of out.split('\n')) {
    const m = /^([^:]+):\s+(.*)$/.exec(l);
    if (m) info[m[1]] = m[2];
  }
  return info;
}

export interface FontCheck {
  fonts: Array<{ baseFont: string; glyphs: number; mapped: number; checked: number }>;
  errors: string[];
}

/**
 * Every embedded font checked by fontTools against the original DejaVu files (see
 * check_fonts.py): checksums, glyphs, /W widths, and that each character's glyph is the
 * original's.
 */
export function checkFonts(pdf: Buffer): FontCheck {
  if (python === null) python = fontToolsPython();
  if (!python) throw new Error('python3 with fontTools is missing');
  const script = fileURLToPath(new URL('./check_fonts.py', import.meta.url));
  const dir = fontDir();
  return withFile(pdf, (p) => {
    const r = spawnSync(python!, [script, p, `DejaVuSansCondensed=${join(dir, 'DejaVuSansCondensed.ttf')}`,
      `DejaVuSansCondensed-Bold=${join(dir, 'DejaVuSansCondensed-Bold.ttf')}`], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (r.status !== 0 && r.status !== 1) throw new Error(`check_fonts.py failed (${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout) as FontCheck;
  });
}

/** A page rendered by poppler at `dpi`; `at(x, y)` reads the pixel at a point (PDF units, top-left origin). */
export function pdfPixels(pdf: Buffer, dpi = 144, page = 1): { width: number; height: number; at(x: number, y: number): [number, number, number] } {
  return withFile(pdf, (p, dir) => {
    run('pdftoppm', ['-r', String(dpi), '-f', String(page), '-l', String(page), p, join(dir, 'page')]); // PPM by default
    const file = readdirSync(dir).find((f) => f.endsWith('.ppm'));
    if (!file) throw new Error('pdftoppm produced no image');
    const ppm = readFileSync(join(dir, file));
    // P6 header: magic, width, height, maxval, each followed by one whitespace byte.
    const m = /^P6\s+(\d+)\s+(\d+)\s+255\s/.exec(ppm.toString('latin1', 0, 64));
    if (!m) throw new Error('not a P6 PPM');
    const [width, height, start] = [Number(m[1]), Number(m[2]), m[0].length];
    const k = dpi / 72;
    return {
      width, height,
      at(x, y) {
        const o = start + 3 * (Math.floor(y * k) * width + Math.floor(x * k));
        return [ppm[o], ppm[o + 1], ppm[o + 2]];
      },
    };
  });
}

export function pdfPages(pdf: Buffer): number {
  return withFile(pdf, (p) => Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [p]))?.[1]));
}

/** Decoded QR payloads found on `page` (1-based; default the last), rendered at 150 dpi. */
export function decodeQr(pdf: Buffer, page?: number): string[] {
  return withFile(pdf, (p, dir) => {
    const n = page ?? Number(/^Pages:\s+(\d+)/m.exec(run('pdfinfo', [p]))?.[1]);
    run('pdftoppm', ['-r', '150', '-png', '-f', String(n), '-l', String(n), p, join(dir, 'page')]);
    const png = readdirSync(dir).find((f) => f.endsWith('.png'));
    if (!png) throw new Error('pdftoppm produced no image');
    const r = spawnSync('zbarimg', ['--raw', '-q', join(dir, png)], { encoding: 'utf8' });
    return r.stdout.split('\n').filter((l) => l !== '');
  });
}

/** Whitespace-free form, so values wrapped across lines still match. */
export const squash = (s: string) => s.replace(/\s+/g, '');

/** Every datum of the view the printed CFDI must show (RMF 2.7.1.7, Anexo 20), labelled. */
export function requiredData(v: InvoiceView): Array<[string, string]> {
  const d: Array<[string, string | undefined]> = [
    ['emisor.rfc', v.emisor.rfc], ['emisor.nombre', v.emisor.nombre], ['emisor.regimen', v.emisor.regimenFiscal.text],
    ['receptor.rfc', v.receptor.rfc], ['receptor.nombre', v.receptor.nombre], ['receptor.cp', v.receptor.domicilioFiscal],
    ['receptor.regimen', v.receptor.regimenFiscal.text], ['receptor.uso', v.receptor.usoCFDI.text],
    ['receptor.residencia', v.receptor.residenciaFiscal?.text], ['receptor.numRegIdTrib', v.receptor.numRegIdTrib],
    ['serieFolio', v.serieFolio || undefined], ['fecha', v.fecha], ['lugarExpedicion', v.lugarExpedicion],
    ['tipoDeComprobante', v.tipoDeComprobante.text], ['exportacion', v.exportacion.text],
    ['metodoPago', v.metodoPago?.text], ['formaPago', v.formaPago?.text], ['moneda', v.moneda.text],
    ['tipoCambio', v.tipoCambio], ['condicionesDePago', v.condicionesDePago],
    ['subTotal', v.subTotal], ['descuento', v.descuento], ['total', v.total], ['totalConLetra', v.totalConLetra],
    ['noCertificado', v.noCertificado], ['sello', v.sello],
    ['uuid', v.timbre?.uuid], ['fechaTimbrado', v.timbre?.fechaTimbrado], ['noCertificadoSAT', v.timbre?.noCertificadoSAT],
    ['selloSAT', v.timbre?.selloSAT], ['rfcProvCertif', v.timbre?.rfcProvCertif], ['cadenaTFD', v.timbre?.cadena],
    ['leyenda', v.leyendaRepresentacion],
    ['informacionGlobal.periodicidad', v.informacionGlobal?.periodicidad.text],
    ['informacionGlobal.meses', v.informacionGlobal?.meses.text], ['informacionGlobal.año', v.informacionGlobal?.año],
    ['impresos.referencia', v.impresos.referencia], ['impresos.fechaVencimiento', v.impresos.fechaVencimiento],
    ['impresos.formaDePagoTexto', v.impresos.formaDePagoTexto], ['impresos.leyenda', v.impresos.leyenda],
    ['impresos.referenciaCliente', v.impresos.referenciaCliente],
  ];
  v.receptor.domicilio.forEach((l, i) => d.push([`receptor.domicilio[${i}]`, l]));
  v.impresos.notas.forEach((n, i) => d.push([`impresos.notas[${i}]`, n]));
  for (const p of v.pagos?.pagos ?? []) for (const l of [...p.datos, ...p.documentos, ...p.impuestos]) d.push([`pagos ${p.titulo}`, l]);
  for (const l of v.pagos?.totales ?? []) d.push(['pagos.totales', l]);
  for (const r of v.cfdiRelacionados) {
    d.push(['cfdiRelacionados.tipo', r.tipoRelacion.text]);
    for (const u of r.uuids) d.push(['cfdiRelacionados.uuid', u]);
  }
  for (const t of [...v.traslados, ...v.retenciones]) d.push([`impuestos ${t.text}`, t.text]);
  for (const k of v.conceptos) {
    const p = `concepto[${k.numero}]`;
    d.push([`${p}.clave`, k.claveProdServ], [`${p}.cantidad`, k.cantidad], [`${p}.claveUnidad`, k.claveUnidad],
      [`${p}.unidad`, k.unidad], [`${p}.descripcion`, k.descripcion], [`${p}.valorUnitario`, k.valorUnitario],
      [`${p}.descuento`, k.descuento], [`${p}.importe`, k.importe], [`${p}.objetoImp`, k.objetoImp.text],
      [`${p}.noIdentificacion`, k.noIdentificacion]);
    k.impuestos.forEach((t, i) => d.push([`${p}.impuesto[${i}]`, t.text]));
    k.detalles.forEach((t, i) => d.push([`${p}.detalle[${i}]`, t]));
  }
  return d.filter((x): x is [string, string] => x[1] !== undefined && x[1] !== '');
}

/** Labels of the required data missing from the extracted text (whitespace-insensitive). */
export function missingData(v: InvoiceView, text: string): string[] {
  const hay = squash(text);
  return requiredData(v).filter(([, value]) => !hay.includes(squash(value))).map(([label, value]) => `${label}: ${value}`);
}
