/**
 * What a template produces: pages of positioned drawing operations (a display list).
 * Templates do all layout (wrapping, pagination, "Página N de M") against a `Measure`;
 * the PDF backend only paints. Units are PDF points, origin top-left, y downwards;
 * a text's `y` is the top of its line box.
 */
import type { InvoiceView } from '../view-model.ts';

export type FontName = 'regular' | 'bold';

export interface TextOp { t: 'text'; x: number; y: number; s: string; font: FontName; size: number; color?: string }
export interface RectOp { t: 'rect'; x: number; y: number; w: number; h: number; fill?: string; stroke?: string; lw?: number }
export interface LineOp { t: 'line'; x1: number; y1: number; x2: number; y2: number; color?: string; lw?: number }
/** The Branding logo, fitted (aspect kept) into the box. */
export interface LogoOp { t: 'logo'; x: number; y: number; w: number; h: number }
/** A QR code of `data`, drawn as vector modules in a `size`×`size` square (quiet zone included). */
export interface QrOp { t: 'qr'; x: number; y: number; size: number; data: string }
export type Op = TextOp | RectOp | LineOp | LogoOp | QrOp;

export interface Page { ops: Op[] }

/** Text metrics of the fonts the backend will embed. */
export interface Measure {
  /** Advance width in points. */
  width(s: string, font: FontName, size: number): number;
  /**
   * Where a line of at most `max` points that starts at index `from` of `s` ends: the index
   * after the most whole code points that fit, and always after at least one.
   */
  fit(s: string, from: number, font: FontName, size: number, max: number): number;
}

export interface TemplateContext {
  measure: Measure;
  /** Accent colour `#rrggbb`. */
  accent: string;
  hasLogo: boolean;
  /** US Letter by default. */
  pageWidth: number;
  pageHeight: number;
}

export interface Template {
  name: string;
  description: string;
  layout(view: InvoiceView, ctx: TemplateContext): Page[];
}
