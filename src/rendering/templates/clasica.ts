/**
 * "clasica": white header with the logo, the emisor on the left and a framed box with
 * the document title, serie-folio, folio fiscal and dates on the right; ruled sections.
 */
import type { InvoiceView } from '../view-model.ts';
import type { Op, Page, Template, TemplateContext } from './page.ts';
import { InvoiceLayout, MARGIN, type Style } from './invoice-layout.ts';
import { tint, wrap } from './kit.ts';

function header(view: InvoiceView, ctx: TemplateContext, style: Style) {
  const m = ctx.measure;
  const width = ctx.pageWidth - 2 * MARGIN;
  const boxW = 200;
  const boxX = MARGIN + width - boxW;
  const logoW = ctx.hasLogo ? 110 : 0;
  const ex = MARGIN + (logoW ? logoW + 10 : 0);
  const ew = boxX - ex - 12;

  return (page: Page, index: number): number => {
    const ops: Op[] = [];
    const text = (x: number, y: number, s: string, font: 'regular' | 'bold', size: number, color = style.text): Op =>
      ({ t: 'text', x, y, s, font, size, color });
    if (ctx.hasLogo) ops.push({ t: 'logo', x: MARGIN, y: MARGIN, w: logoW, h: 55 });

    let y = MARGIN;
    for (const l of wrap(m, view.emisor.nombre, 'bold', 11, ew)) { ops.push(text(ex, y, l, 'bold', 11)); y += 13.5; }
    y += 1;
    ops.push(text(ex, y, `RFC: ${view.emisor.rfc}`, 'bold', 8)); y += 10;
    for (const l of wrap(m, `Régimen fiscal: ${view.emisor.regimenFiscal.text}`, 'regular', 7, ew)) { ops.push(text(ex, y, l, 'regular', 7, style.muted)); y += 8.5; }
    if (view.emisor.facAtrAdquirente) { ops.push(text(ex, y, `FacAtrAdquirente: ${view.emisor.facAtrAdquirente}`, 'regular', 7, style.muted)); y += 8.5; }
    const leftBottom = Math.max(y, ctx.hasLogo ? MARGIN + 55 : 0);

    // Title box.
    const rows: Array<[string, string]> = [];
    if (view.serieFolio) rows.push(['Serie y folio', view.serieFolio]);
    if (view.timbre) rows.push(['Folio fiscal', view.timbre.uuid]);
    rows.push(['Fecha de emisión', view.fecha]);
    if (view.timbre) rows.push(['Fecha de certificación', view.timbre.fechaTimbrado]);
    const titleH = 18;
    const boxH = titleH + rows.length * 9 + 6;
    ops.push({ t: 'rect', x: boxX, y: MARGIN, w: boxW, h: boxH, stroke: style.accent, lw: 0.8 });
    ops.push({ t: 'rect', x: boxX, y: MARGIN, w: boxW, h: titleH - 2, fill: style.accent });
    const title = index === 0 ? view.titulo.toUpperCase() : `${view.titulo.toUpperCase()} (continuación)`;
    ops.push(text(boxX + (boxW - m.width(title, 'bold', 10)) / 2, MARGIN + 3.5, title, 'bold', 10, '#ffffff'));
    let ry = MARGIN + titleH + 1;
    for (const [label, value] of rows) {
      ops.push(text(boxX + 5, ry, label, 'bold', 6.5, style.muted));
      ops.push(text(boxX + boxW - 5 - m.width(value, 'regular', 6.5), ry, value, 'regular', 6.5));
      ry += 9;
    }
    const bottom = Math.max(leftBottom, MARGIN + boxH) + 6;
    ops.push({ t: 'line', x1: MARGIN, y1: bottom, x2: MARGIN + width, y2: bottom, color: style.accent, lw: 1.2 });
    page.ops.push(...ops);
    return bottom + 16;
  };
}

export const clasica: Template = {
  name: 'clasica',
  description: 'Encabezado blanco con logotipo, recuadro del folio y secciones con filete de color.',
  layout(view, ctx) {
    const style: Style = {
      accent: ctx.accent, text: '#1f1f1f', muted: '#5a5a5a', rule: '#d0d0d0',
      headFill: tint(ctx.accent, 0.82), headText: '#1f1f1f', sectionBand: false,
    };
    return new InvoiceLayout(view, ctx, style, header(view, ctx, style)).body();
  },
};
