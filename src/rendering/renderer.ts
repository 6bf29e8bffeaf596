/**
 * The rendering port: a stamped CFDI (and the client's printed-only data) in, PDF
 * bytes out. Rendering is CPU-bound; implementations run it off the HTTP event loop.
 */
import type { Comprobante } from '../cfdi/model.ts';
import type { DatosImpresos } from '../cfdi/printed.ts';

export interface Branding {
  /** PNG or JPEG bytes. */
  logo?: Buffer;
  /** Accent colour, `#rrggbb`. */
  color?: string;
  /** Template name; see `rendering/templates/`. */
  template?: string;
}

export interface RenderInput {
  /** The stamped CFDI (with its TimbreFiscalDigital). */
  comprobante: Comprobante;
  printed: DatosImpresos;
  branding: Branding;
  /** A cancelled CFDI (issue 12): every page says so, with the date (Mexico City time). */
  cancelacion?: { fecha: string };
}

export interface Renderer {
  render(input: RenderInput): Promise<Buffer>;
  close(): Promise<void>;
}
