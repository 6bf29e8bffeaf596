/**
 * Layout primitives shared by the templates: line wrapping against the real font
 * metrics, and a page flow that repeats the page header and breaks pages on demand.
 */
import type { FontName, Measure, Op, Page } from './page.ts';

/**
 * Greedy wrap of `text` to `width` points. Honours `\n`; words wider than the line
 * (base64 seals, long codes) are broken between characters so nothing is ever cut.
 */
export function wrap(measure: Measure, text: string, font: FontName, size: number, width: number): string[] {
  const out: string[] = [];
  for (const para of text.includes('\n') ? text.split('\n') : [text]) {
    // The usual case, a paragraph that fits: the greedy loop below would keep it whole.
    if (measure.width(para, font, size) <= width) {
      out.push(para);
      continue;
    }
    // Words with the spaces before them: runs of spaces inside a line are kept as written
    // (e.g. a NumeroPedimento `23  47  3807  3000123`); at a break they are dropped.
    const tokens = para.match(/ *[^ ]+| +$/g) ?? [];
    let line = '';
    let lineW = 0;
    let atStart = true; // leading spaces of a paragraph are kept, those at a break are not
    for (const tok of tokens) {
      const w = measure.width(tok, font, size);
      if (line !== '' && lineW + w <= width) {
        line += tok;
        lineW += w;
        continue;
      }
      if (line !== '') {
        out.push(line);
        line = '';
        lineW = 0;
      }
      const piece = atStart ? tok : tok.trimStart();
      atStart = false;
      if (piece === '') continue;
      const pw = piece === tok ? w : measure.width(piece, font, size);
      if (pw <= width) {
        line = piece;
        lineW = pw;
        continue;
      }
      // Break an over-long word (a seal) by characters: each line takes as many whole code
      // points as fit, at least one; the rest continues on the next line.
      for (let i = 0; ;) {
        const end = measure.fit(piece, i, font, size, width);
        if (end >= piece.length) {
          line = i === 0 ? piece : piece.slice(i);
          lineW = measure.width(line, font, size);
          break;
        }
        out.push(piece.slice(i, end));
        i = end;
      }
    }
    out.push(line);
  }
  return out;
}

/**
 * `Measure.fit` from `Measure.width` alone, a code point at a time: for measures that have
 * no faster way (tests).
 */
export function fitByWidth(width: Measure['width']): Measure['fit'] {
  return (s, from, font, size, max) => {
    let w = 0;
    let i = from;
    while (i < s.length) {
      const n = s.codePointAt(i)! > 0xffff ? 2 : 1;
      const cw = width(s.slice(i, i + n), font, size);
      if (i > from && w + cw > max) break;
      w += cw;
      i += n;
    }
    return i;
  };
}

/** `#rrggbb` mixed with white: `t` = 0 gives the colour, 1 gives white. */
export function tint(hex: string, t: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const ch = (shift: number) => {
    const c = (n >> shift) & 0xff;
    return Math.round(c + (255 - c) * t).toString(16).padStart(2, '0');
  };
  return `#${ch(16)}${ch(8)}${ch(0)}`;
}

/**
 * A sequence of pages with a cursor. `header` paints the repeated page header and returns
 * the y where the body starts; `onNewPage` (set by a table in progress) repeats its heading.
 */
export class Flow {
  readonly pages: Page[] = [];
  page!: Page;
  y = 0;
  onNewPage: (() => void) | undefined;

  constructor(private readonly header: (page: Page, index: number) => number, readonly bottom: number) {
    this.newPage();
  }

  newPage(): void {
    this.page = { ops: [] };
    this.pages.push(this.page);
    this.y = this.header(this.page, this.pages.length - 1);
    this.onNewPage?.();
    this.freshY = this.y;
  }

  private freshY = 0;

  /** Nothing has been placed on this page's body yet (besides a repeated table heading). */
  get fresh(): boolean {
    return this.y === this.freshY;
  }

  get space(): number {
    return this.bottom - this.y;
  }

  /** Body height of a fresh continuation page (below the header and any repeated table heading). */
  get pageBody(): number {
    const saved = this.y;
    this.y = this.header({ ops: [] }, 1);
    const top = this.y;
    this.y = saved;
    return this.bottom - top - (this.headingHeight ?? 0);
  }

  /** Height of the heading `onNewPage` repeats, for `pageBody`. */
  headingHeight: number | undefined;

  /** Starts a new page when fewer than `h` points remain. */
  ensure(h: number): void {
    if (h > this.space) this.newPage();
  }

  push(...ops: Op[]): void {
    this.page.ops.push(...ops);
  }
}
