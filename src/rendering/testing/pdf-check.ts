/**
 * Test helpers: read a PDF back with poppler's `pdftotext`, decode its QR code with
 * `pdftoppm` + `zbarimg`, and list every datum the printed CFDI must show.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InvoiceView } from '../view-model.ts';

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
