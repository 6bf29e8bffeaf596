/**
 * The PDF of a cancelled CFDI says so: once cancelled, it is rendered again from the
 * stored XML and printed data with a banner on every page, and replaces the stored one.
 */
import { readComprobante } from '../cfdi/xml/read.ts';
import { brandingOf } from '../invoicing/process.ts';
import type { CancelacionDeps } from './deps.ts';

export async function pdfCancelado(d: CancelacionDeps, cfdiId: number, fecha: string): Promise<void> {
  const c = await d.store.getCfdi(cfdiId);
  const xml = c && (await d.store.getCfdiXml(cfdiId));
  if (!c || !xml || !c.hasPdf) return; // a CFDI served without PDF stays without one
  const [empresa, tipo, printed] = await Promise.all([d.store.getEmpresa(c.empresaId), d.store.getTipo(c.tipoId), d.store.getCfdiPrinted(cfdiId)]);
  if (!empresa || !tipo) return;
  const pdf = await d.renderer.render({
    comprobante: readComprobante(xml),
    printed: printed ?? { notas: [], conceptos: [] },
    branding: brandingOf(empresa, tipo),
    cancelacion: { fecha },
  });
  await d.cancelaciones.guardarPdf(cfdiId, pdf);
}
