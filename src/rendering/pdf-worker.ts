/**
 * Worker-thread entry of the PDF pool: renders RenderInputs sent by `pool.ts`. Fonts are
 * parsed once per worker, on the first job.
 */
import { parentPort } from 'node:worker_threads';
import { renderPdfSync } from './pdf/render.ts';
import type { RenderInput } from './renderer.ts';

export interface RenderRequest { id: number; input: RenderInput }
export type RenderReply = { id: number; pdf: Uint8Array } | { id: number; error: string };

if (parentPort) {
  const port = parentPort;
  port.on('message', (msg: RenderRequest) => {
    try {
      // Structured clone turns the logo Buffer into a Uint8Array: image.ts takes either.
      const pdf = renderPdfSync(msg.input);
      const reply: RenderReply = { id: msg.id, pdf };
      port.postMessage(reply, [pdf.buffer as ArrayBuffer]);
    } catch (err) {
      const reply: RenderReply = { id: msg.id, error: err instanceof Error ? err.stack ?? err.message : String(err) };
      port.postMessage(reply);
    }
  });
}
