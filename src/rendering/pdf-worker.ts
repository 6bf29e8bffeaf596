/**
 * Worker-thread entry of the PDF pool: renders RenderInputs sent by `pool.ts`. Fonts are
 * parsed once per worker, on the first job.
 */
import { parentPort } from 'node:worker_threads';
import { renderPdf } from './pdf/render.ts';
import type { RenderInput } from './renderer.ts';

export interface RenderRequest { id: number; input: RenderInput }
export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', async (msg: RenderRequest) => {
    try {
      const input = msg.input;
      // Structured clone turns Buffers into Uint8Arrays; pdfkit wants a Buffer for images.
      const logo = input.branding.logo;
      if (logo && !Buffer.isBuffer(logo)) {
        const u8 = logo as Uint8Array;
        input.branding.logo = Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
      }
      const pdf = await renderPdf(input);
      const reply: RenderReply = { id: msg.id, pdf };
      port.postMessage(reply, [pdf.buffer as ArrayBuffer]);
    } catch (err) {
      const reply: RenderReply = { id: msg.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
      port.postMessage(reply);
    }
  });
}
