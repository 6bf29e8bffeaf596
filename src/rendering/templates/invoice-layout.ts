/**
 * The invoice body shared by the built-in templates: receptor and comprobante data,
 * concept table (rows split across pages when needed, heading repeated), totals, printed
 * notes and the fiscal block (QR, seals, TFD cadena), plus the footer with the SAT legend
 * and "Página N de M". A template supplies the page header and the style.
 */
import type { InvoiceView, ConceptoView } from '../view-model.ts';
import type { FontName, Op, Page, TemplateContext } from './page.ts';
import { Flow, wrap } from './kit.ts';

export interface Style {
  accent: string;
  text: string;
  muted: string;
  rule: string;
  /** Fill of the table heading row and its text colour. */
  headFill: string;
  headText: string;
  /** Fill for every other concept row, or undefined for none. */
  zebra?: string;
  /** Section titles: filled band or accent-coloured text with a rule. */
  sectionBand: boolean;
}

export const MARGIN = 36;
const BODY = 7;
const SMALL = 6;
const SEAL = 5.5;
const LEAD = 1.22; // line height / font size

export interface Header {
  /** Paints the header of page `index` (0-based) and returns where the body starts. */
  (page: Page, index: number): number;
}

export class InvoiceLayout {
  readonly flow: Flow;
  readonly x0 = MARGIN;
  readonly width: number;

  constructor(readonly view: InvoiceView, readonly ctx: TemplateContext, readonly style: Style, header: Header) {
    this.width = ctx.pageWidth - 2 * MARGIN;
    this.flow = new Flow(header, ctx.pageHeight - MARGIN - 16);
  }

  // ---- primitives -------------------------------------------------------------------

  text(x: number, y: number, s: string, font: FontName, size: number, color = this.style.text): Op {
    return { t: 'text', x, y, s, font, size, color };
  }

  /** Right-aligned text ending at `right`. */
  textRight(right: number, y: number, s: string, font: FontName, size: number, color = this.style.text): Op {
    return this.text(right - this.ctx.measure.width(s, font, size), y, s, font, size, color);
  }

  lines(s: string, font: FontName, size: number, width: number): string[] {
    return wrap(this.ctx.measure, s, font, size, width);
  }

  /** Label in bold followed by the value, wrapped under the value column. Returns the height. */
  field(ops: Op[], x: number, y: number, w: number, label: string, value: string, labelW: number): number {
    const vl = this.lines(value, 'regular', BODY, w - labelW);
    ops.push(this.text(x, y, label, 'bold', BODY, this.style.muted));
    vl.forEach((l, i) => ops.push(this.text(x + labelW, y + i * BODY * LEAD, l, 'regular', BODY)));
    return Math.max(1, vl.length) * BODY * LEAD;
  }

  section(title: string): void {
    const s = this.style;
    this.flow.ensure(24);
    const y = this.flow.y;
    if (s.sectionBand) {
      this.flow.push({ t: 'rect', x: this.x0, y, w: this.width, h: 11, fill: s.accent },
        this.text(this.x0 + 4, y + 2, title, 'bold', BODY, '#ffffff'));
    } else {
      this.flow.push(this.text(this.x0, y + 1, title, 'bold', BODY + 0.5, s.accent),
        { t: 'line', x1: this.x0, y1: y + 11, x2: this.x0 + this.width, y2: y + 11, color: s.accent, lw: 0.6 });
    }
    this.flow.y += 14;
  }

  // ---- sections ---------------------------------------------------------------------

  /** Receptor (left) and comprobante data (right), side by side. */
  parties(): void {
    const v = this.view;
    const r = v.receptor;
    const colW = (this.width - 12) / 2;
    const left: Array<[string, string]> = [
      ['Nombre', r.nombre],
      ['RFC', r.rfc],
      ['Domicilio fiscal', `C.P. ${r.domicilioFiscal}`],
      ['Régimen fiscal', r.regimenFiscal.text],
      ['Uso del CFDI', r.usoCFDI.text],
    ];
    if (r.residenciaFiscal) left.push(['Residencia fiscal', r.residenciaFiscal.text]);
    if (r.numRegIdTrib) left.push(['NumRegIdTrib', r.numRegIdTrib]);
    if (r.domicilio.length) left.push(['Domicilio', r.domicilio.join('\n')]);

    const right: Array<[string, string]> = [
      ['Tipo de comprobante', v.tipoDeComprobante.text],
      ['Lugar de expedición', v.lugarExpedicion],
      ['Exportación', v.exportacion.text],
    ];
    if (v.metodoPago) right.push(['Método de pago', v.metodoPago.text]);
    if (v.formaPago) right.push(['Forma de pago', v.formaPago.text]);
    right.push(['Moneda', v.moneda.text]);
    if (v.tipoCambio) right.push(['Tipo de cambio', v.tipoCambio]);
    if (v.condicionesDePago) right.push(['Condiciones de pago', v.condicionesDePago]);
    const im = v.impresos;
    if (im.formaDePagoTexto) right.push(['Forma de pago (texto)', im.formaDePagoTexto]);
    if (im.metodoDePagoTexto) right.push(['Método de pago (texto)', im.metodoDePagoTexto]);
    if (im.fechaVencimiento) right.push(['Fecha de vencimiento', im.fechaVencimiento]);
    if (im.referencia) right.push(['Referencia', im.referencia]);
    if (im.referenciaCliente) right.push(['Documento', im.referenciaCliente]);
    if (v.confirmacion) right.push(['Confirmación', v.confirmacion]);

    const build = (rows: Array<[string, string]>, x: number, labelW: number) => {
      const ops: Op[] = [];
      let h = 0;
      for (const [label, value] of rows) h += this.field(ops, x, this.flow.y + h, colW, label, value, labelW) + 1;
      return { ops, h };
    };
    const page = this.flow.page;
    let a = build(left, this.x0, 62);
    let b = build(right, this.x0 + colW + 12, 86);
    const h = Math.max(a.h, b.h);
    this.flow.ensure(h + 16);
    if (this.flow.page !== page) {
      // Rebuilt at the new page's cursor: positions depend on it.
      a = build(left, this.x0, 62);
      b = build(right, this.x0 + colW + 12, 86);
    }
    const y = this.flow.y;
    this.flow.push(this.text(this.x0, y - 12, 'Receptor', 'bold', BODY + 0.5, this.style.accent));
    this.flow.push(this.text(this.x0 + colW + 12, y - 12, 'Datos del comprobante', 'bold', BODY + 0.5, this.style.accent));
    this.flow.push(...a.ops, ...b.ops);
    this.flow.y += h + 6;
  }

  /** InformacionGlobal and CfdiRelacionados, when present. */
  references(): void {
    const v = this.view;
    const rows: string[] = [];
    if (v.informacionGlobal) {
      const g = v.informacionGlobal;
      rows.push(`Información global: periodicidad ${g.periodicidad.text}; meses ${g.meses.text}; año ${g.año}`);
    }
    for (const r of v.cfdiRelacionados) {
      rows.push(`CFDI relacionados (${r.tipoRelacion.text}): ${r.uuids.join(', ')}`);
    }
    if (v.complementos.length) rows.push(`Complementos: ${v.complementos.join(', ')}`);
    for (const row of rows) this.paragraph(row, BODY);
    if (rows.length) this.flow.y += 4;
  }

  paragraph(s: string, size: number, font: FontName = 'regular', color = this.style.text): void {
    for (const l of this.lines(s, font, size, this.width)) {
      this.flow.ensure(size * LEAD);
      this.flow.push(this.text(this.x0, this.flow.y, l, font, size, color));
      this.flow.y += size * LEAD;
    }
  }

  /** Column layout of the concept table: [x, width, align]. */
  private columns() {
    const w = this.width;
    const fixed = { clave: 46, cant: 38, unidad: 52, vu: 56, desc: 46, imp: 60 };
    const descW = w - (fixed.clave + fixed.cant + fixed.unidad + fixed.vu + fixed.desc + fixed.imp);
    let x = this.x0;
    const col = (width: number) => { const c = { x, w: width }; x += width; return c; };
    return {
      clave: col(fixed.clave), cant: col(fixed.cant), unidad: col(fixed.unidad), descripcion: col(descW),
      vu: col(fixed.vu), descuento: col(fixed.desc), importe: col(fixed.imp),
    };
  }

  private tableHead(): void {
    const s = this.style;
    const c = this.columns();
    const y = this.flow.y;
    const h = 13;
    this.flow.push({ t: 'rect', x: this.x0, y, w: this.width, h, fill: s.headFill });
    const ty = y + 3.5;
    const pad = 3;
    this.flow.push(
      this.text(c.clave.x + pad, ty, 'Clave', 'bold', SMALL, s.headText),
      this.textRight(c.cant.x + c.cant.w - pad, ty, 'Cantidad', 'bold', SMALL, s.headText),
      this.text(c.unidad.x + pad, ty, 'Unidad', 'bold', SMALL, s.headText),
      this.text(c.descripcion.x + pad, ty, 'Descripción', 'bold', SMALL, s.headText),
      this.textRight(c.vu.x + c.vu.w - pad, ty, 'Valor unitario', 'bold', SMALL, s.headText),
      this.textRight(c.descuento.x + c.descuento.w - pad, ty, 'Descuento', 'bold', SMALL, s.headText),
      this.textRight(c.importe.x + c.importe.w - pad, ty, 'Importe', 'bold', SMALL, s.headText),
    );
    this.flow.y += h + 2;
  }

  /** The concept table. Rows taller than the space left are split between pages. */
  concepts(): void {
    const c = this.columns();
    const s = this.style;
    const pad = 3;
    const lh = BODY * LEAD;
    const sh = SMALL * LEAD;
    this.flow.ensure(13 + 2 + 3 * lh);
    this.tableHead();
    this.flow.onNewPage = () => this.tableHead();
    this.flow.headingHeight = 15;

    this.view.conceptos.forEach((k: ConceptoView, i) => {
      // Description column: description lines, then smaller detail lines.
      type L = { s: string; font: FontName; size: number; color: string; h: number };
      const desc: L[] = [];
      for (const l of this.lines(k.descripcion, 'regular', BODY, c.descripcion.w - 2 * pad)) {
        desc.push({ s: l, font: 'regular', size: BODY, color: s.text, h: lh });
      }
      // Identification, ObjetoImp and taxes share one wrapped line; other details get their own.
      const details = [
        [k.noIdentificacion && `No. identificación: ${k.noIdentificacion}`, `Objeto imp.: ${k.objetoImp.text}`,
          ...k.impuestos.map((t) => t.text)].filter(Boolean).join(' · '),
        ...k.detalles,
      ];
      // Below the description's first line the amount columns are empty: details use that width too.
      const detailW = this.x0 + this.width - c.descripcion.x - 2 * pad;
      for (const d of details) {
        for (const l of this.lines(d, 'regular', SMALL, detailW)) {
          desc.push({ s: l, font: 'regular', size: SMALL, color: s.muted, h: sh });
        }
      }
      const unidad = this.lines(k.unidad ? `${k.claveUnidad} ${k.unidad}` : k.claveUnidad, 'regular', BODY, c.unidad.w - 2 * pad);
      const clave = this.lines(k.claveProdServ, 'regular', BODY, c.clave.w - 2 * pad);
      const cant = this.lines(k.cantidad, 'regular', BODY, c.cant.w - 2 * pad);
      const fixedH = Math.max(unidad.length, clave.length, cant.length) * lh;

      let first = true;
      let idx = 0;
      while (first || idx < desc.length) {
        const restH = desc.slice(idx).reduce((a, d) => a + d.h, 0);
        const needed = (first ? Math.max(fixedH, restH) : restH) + 2 * pad;
        const minChunk = (first ? Math.max(fixedH, 3 * lh) : 3 * lh) + 2 * pad;
        // Move to a fresh page when the row would fit whole there, or when too little room is left
        // for a useful chunk; otherwise split it here (very long descriptions).
        if (needed > this.flow.space && !this.flow.fresh && (needed <= this.flow.pageBody || this.flow.space < minChunk)) {
          this.flow.newPage();
        }
        const avail = this.flow.space - 2 * pad;
        let take = 0;
        let hh = 0;
        while (idx + take < desc.length && hh + desc[idx + take].h <= avail) { hh += desc[idx + take].h; take++; }
        if (take === 0 && idx < desc.length) take = 1; // never loop forever on an absurdly tall line
        const chunk = desc.slice(idx, idx + take);
        const chunkH = chunk.reduce((a, d) => a + d.h, 0);
        const rowH = Math.max(chunkH, first ? fixedH : 0) + 2 * pad;
        const y = this.flow.y;
        if (s.zebra && i % 2 === 1) this.flow.push({ t: 'rect', x: this.x0, y, w: this.width, h: rowH, fill: s.zebra });
        const ty = y + pad;
        if (first) {
          clave.forEach((l, j) => this.flow.push(this.text(c.clave.x + pad, ty + j * lh, l, 'regular', BODY)));
          cant.forEach((l, j) => this.flow.push(this.textRight(c.cant.x + c.cant.w - pad, ty + j * lh, l, 'regular', BODY)));
          unidad.forEach((l, j) => this.flow.push(this.text(c.unidad.x + pad, ty + j * lh, l, 'regular', BODY)));
          this.flow.push(
            this.textRight(c.vu.x + c.vu.w - pad, ty, k.valorUnitario, 'regular', BODY),
            this.textRight(c.importe.x + c.importe.w - pad, ty, k.importe, 'regular', BODY),
          );
          if (k.descuento) this.flow.push(this.textRight(c.descuento.x + c.descuento.w - pad, ty, k.descuento, 'regular', BODY));
        }
        let yy = ty;
        for (const d of chunk) {
          this.flow.push(this.text(c.descripcion.x + pad, yy, d.s, d.font, d.size, d.color));
          yy += d.h;
        }
        this.flow.y += rowH;
        this.flow.push({ t: 'line', x1: this.x0, y1: this.flow.y, x2: this.x0 + this.width, y2: this.flow.y, color: s.rule, lw: 0.4 });
        idx += take;
        first = false;
        if (idx < desc.length) this.flow.newPage();
      }
    });
    this.flow.onNewPage = undefined;
    this.flow.headingHeight = undefined;
    this.flow.y += 6;
  }

  /** Amount in words and tax breakdown (left), totals (right); kept together. */
  totals(): void {
    const v = this.view;
    const s = this.style;
    const rightW = 190;
    const leftW = this.width - rightW - 16;
    const rx = this.x0 + this.width - rightW;
    const lh = BODY * LEAD + 1.5;

    const rows: Array<[string, string, boolean]> = [['Subtotal', v.subTotal, false]];
    if (v.descuento) rows.push(['Descuento', v.descuento, false]);
    for (const t of v.traslados) {
      const rate = t.tipoFactor === 'Exento' ? 'Exento' : t.tasaOCuota;
      rows.push([`${t.impuesto} trasladado ${rate}`, t.importe ?? '—', false]);
    }
    for (const t of v.retenciones) rows.push([`${t.impuesto} retenido`, t.importe ?? '', false]);
    const rightH = rows.length * lh + 18;

    const left: Array<{ s: string; font: FontName; size: number; color: string }> = [];
    const push = (txt: string, font: FontName, size: number, color = s.text) => {
      for (const l of this.lines(txt, font, size, leftW)) left.push({ s: l, font, size, color });
    };
    push('Importe con letra', 'bold', BODY, s.muted);
    push(v.totalConLetra, 'regular', BODY);
    if (v.traslados.length || v.retenciones.length) {
      push('Impuestos', 'bold', BODY, s.muted);
      for (const t of [...v.traslados, ...v.retenciones]) push(t.text, 'regular', SMALL);
      if (v.totalImpuestosTrasladados) push(`Total de impuestos trasladados: ${v.totalImpuestosTrasladados}`, 'regular', SMALL);
      if (v.totalImpuestosRetenidos) push(`Total de impuestos retenidos: ${v.totalImpuestosRetenidos}`, 'regular', SMALL);
    }
    if (v.impresos.motivoDescuento) push(`Motivo del descuento: ${v.impresos.motivoDescuento}`, 'regular', SMALL);
    const leftH = left.reduce((a, l) => a + l.size * LEAD + 0.5, 0);

    this.flow.ensure(Math.max(leftH, rightH) + 6);
    const y = this.flow.y;
    let yy = y;
    for (const l of left) {
      this.flow.push(this.text(this.x0, yy, l.s, l.font, l.size, l.color));
      yy += l.size * LEAD + 0.5;
    }
    let ry = y;
    for (const [label, value] of rows) {
      this.flow.push(this.text(rx, ry, label, 'regular', BODY, s.muted), this.textRight(rx + rightW, ry, value, 'regular', BODY));
      ry += lh;
    }
    ry += 2;
    this.flow.push({ t: 'rect', x: rx - 4, y: ry - 3, w: rightW + 4, h: 16, fill: s.accent });
    this.flow.push(this.text(rx, ry + 1, `Total ${v.moneda.code}`, 'bold', BODY + 1.5, '#ffffff'),
      this.textRight(rx + rightW - 4, ry + 1, v.total, 'bold', BODY + 1.5, '#ffffff'));
    this.flow.y = Math.max(yy, ry + 16) + 8;
  }

  /** Payment receipts: each Pago, the documents it pays and its taxes, then the Totales. */
  payments(): void {
    const pv = this.view.pagos;
    if (!pv) return;
    this.section('Recepción de pagos');
    for (const p of pv.pagos) {
      this.paragraph(p.titulo, BODY + 0.5, 'bold', this.style.accent);
      for (const l of p.datos) this.paragraph(l, BODY);
      for (const d of p.documentos) this.paragraph(d, SMALL);
      for (const t of p.impuestos) this.paragraph(t, SMALL, 'regular', this.style.muted);
      this.flow.y += 4;
    }
    for (const t of pv.totales) this.paragraph(t, BODY, 'bold');
    this.flow.y += 6;
  }

  /** Printed-only notes and legend. */
  notes(): void {
    const im = this.view.impresos;
    if (!im.notas.length && !im.leyenda) return;
    this.section('Observaciones');
    for (const n of im.notas) this.paragraph(n, BODY);
    if (im.leyenda) this.paragraph(im.leyenda, BODY, 'bold');
    this.flow.y += 6;
  }

  /** QR, seals, TFD cadena and certificate numbers; kept together on one page. */
  fiscal(): void {
    const v = this.view;
    const s = this.style;
    const qr = 92;
    const tx = this.x0 + qr + 10;
    const tw = this.width - qr - 10;
    type L = { s: string; font: FontName; size: number; color: string };
    const ls: L[] = [];
    const block = (label: string, value: string | undefined) => {
      if (!value) return;
      ls.push({ s: label, font: 'bold', size: SMALL, color: s.muted });
      for (const l of this.lines(value, 'regular', SEAL, tw)) ls.push({ s: l, font: 'regular', size: SEAL, color: s.text });
    };
    const t = v.timbre;
    block('Sello digital del CFDI', v.sello ?? t?.selloCFD);
    block('Sello digital del SAT', t?.selloSAT);
    block('Cadena original del complemento de certificación digital del SAT', t?.cadena);
    const certs = [
      v.noCertificado && `No. de serie del CSD del emisor: ${v.noCertificado}`,
      t && `No. de serie del certificado del SAT: ${t.noCertificadoSAT}`,
      t && `RFC del proveedor de certificación: ${t.rfcProvCertif}`,
    ].filter(Boolean).join('   ');
    block('Certificados', certs);
    if (t?.leyenda) block('Leyenda del timbre', t.leyenda);
    const h = Math.max(qr, ls.reduce((a, l) => a + l.size * LEAD + 0.3, 0)) + 8;

    this.flow.ensure(h + 14);
    this.section('Timbre fiscal digital');
    const y = this.flow.y;
    if (v.qrUrl) this.flow.push({ t: 'qr', x: this.x0, y, size: qr, data: v.qrUrl });
    let yy = y;
    for (const l of ls) {
      this.flow.push(this.text(tx, yy, l.s, l.font, l.size, l.color));
      yy += l.size * LEAD + 0.3;
    }
    this.flow.y = y + h;
  }

  /** Footer on every page: the SAT legend and "Página N de M". */
  footers(): Page[] {
    const pages = this.flow.pages;
    const y = this.ctx.pageHeight - MARGIN - 8;
    pages.forEach((p, i) => {
      p.ops.push(
        { t: 'line', x1: this.x0, y1: y - 4, x2: this.x0 + this.width, y2: y - 4, color: this.style.rule, lw: 0.5 },
        this.text(this.x0, y, this.view.leyendaRepresentacion, 'regular', SMALL, this.style.muted),
        this.textRight(this.x0 + this.width, y, `Página ${i + 1} de ${pages.length}`, 'regular', SMALL, this.style.muted),
      );
      // A cancelled CFDI says so on every page, in the top margin, in red.
      if (this.view.cancelado) p.ops.push(this.text(this.x0, MARGIN - 12, this.view.cancelado, 'bold', 12, '#c00000'));
    });
    return pages;
  }

  /** The standard body, in order. */
  body(): Page[] {
    this.parties();
    this.references();
    this.concepts();
    this.totals();
    this.payments();
    this.notes();
    this.fiscal();
    return this.footers();
  }
}
