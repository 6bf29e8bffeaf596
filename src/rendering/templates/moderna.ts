/**
 * "moderna": full-width accent band with the emisor and the title in white, a filled
 * table heading, zebra rows and banded section titles.
 */
import type { InvoiceView } from '../view-model.ts';
import type { Op, Page, Template, TemplateContext } from './page.ts';
import { InvoiceLayout, MARGIN, type Style } from './invoice-layout.ts';
import { tint, wrap } from './kit.ts';

function header(view: InvoiceView, ctx: TemplateContext, style: Style) {
  const m = ctx.measure;
  const width = ctx.pageWidth - 2 * MARGIN;
  const bandH = 62;
  const logoBox = ctx.hasLogo ? 70 : 0;
  const rightW = 190;
  const ex = MARGIN + 10 + (logoBox ? logoBox + 10 : 0);
  const ew = width - rightW - (ex - MARGIN) - 10;

  return (page: Page, index: number): number => {
    const ops: Op[] = [];
    const text = (x: number, y: number, s: string, font: 'regular' | 'bold', size: number, color = style.text): Op =>
      ({ t: 'text', x, y, s, font, size, color });
    ops.push({ t: 'rect', x: MARGIN, y: MARGIN, w: width, h: bandH, fill: style.accent });
    if (ctx.hasLogo) {
      ops.push({ t: 'rect', x: MARGIN + 6, y: MARGIN + 6, w: logoBox, h: bandH - 12, fill: '#ffffff' });
      ops.push({ t: 'logo', x: MARGIN + 9, y: MARGIN + 9, w: logoBox - 6, h: bandH - 18 });
    }
    let y = MARGIN + 8;
    const name = wrap(m, view.emisor.nombre, 'bold', 11, ew).slice(0, 2);
    // A name longer than two lines continues in the block below the band.
    const restName = wrap(m, view.emisor.nombre, 'bold', 11, ew).slice(2).join(' ');
    for (const l of name) { ops.push(text(ex, y, l, 'bold', 11, '#ffffff')); y += 13; }
    ops.push(text(ex, y + 1, `RFC ${view.emisor.rfc}`, 'bold', 8, '#ffffff'));

    const rx = MARGIN + width - rightW - 10;
    const title = index === 0 ? view.titulo.toUpperCase() : `${view.titulo.toUpperCase()} (continuación)`;
    ops.push(text(rx + rightW - m.width(title, 'bold', 13), MARGIN + 9, title, 'bold', 13, '#ffffff'));
    if (view.serieFolio) {
      const sf = view.serieFolio;
      ops.push(text(rx + rightW - m.width(sf, 'bold', 10), MARGIN + 27, sf, 'bold', 10, '#ffffff'));
    }
    if (view.timbre) {
      const u = `Folio fiscal ${view.timbre.uuid}`;
      ops.push(text(rx + rightW - m.width(u, 'regular', 6.5), MARGIN + 44, u, 'regular', 6.5, '#ffffff'));
    }

    // Under the band: régimen (left), dates (right).
    y = MARGIN + bandH + 5;
    const leftLines = [
      ...(restName ? [restName] : []),
      ...wrap(m, `Régimen fiscal: ${view.emisor.regimenFiscal.text}`, 'regular', 7, width - rightW - 20),
    ];
    if (view.emisor.facAtrAdquirente) leftLines.push(`FacAtrAdquirente: ${view.emisor.facAtrAdquirente}`);
    leftLines.forEach((l, i) => ops.push(text(MARGIN, y + i * 8.5, l, 'regular', 7, style.muted)));
    const dates = [`Emisión ${view.fecha}`];
    if (view.timbre) dates.push(`Certificación ${view.timbre.fechaTimbrado}`);
    dates.forEach((d, i) => ops.push(text(MARGIN + width - m.width(d, 'regular', 7), y + i * 8.5, d, 'regular', 7, style.muted)));
    const bottom = y + Math.max(leftLines.length, dates.length) * 8.5 + 4;
    page.ops.push(...ops);
    return bottom + 14;
  };
}

export const moderna: Template = {
  name: 'moderna',
  description: 'Banda superior de color con el emisor y el título, tabla con renglones alternos.',
  layout(view, ctx) {
    const style: Style = {
      accent: ctx.accent, text: '#202020', muted: '#5f5f5f', rule: '#e2e2e2',
      headFill: ctx.accent, headText: '#ffffff', zebra: tint(ctx.accent, 0.93), sectionBand: true,
    };
    return new InvoiceLayout(view, ctx, style, header(view, ctx, style)).body();
  },
};
