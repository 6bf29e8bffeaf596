/**
 * The PDF Renderer: a pool of worker threads so rendering (CPU-bound, ~ms per page) runs
 * off the HTTP event loop and on every core. `threads: 0` renders inline in the calling
 * thread (tests, CLI).
 */
import { Worker } from 'node:worker_threads';
import type { Renderer, RenderInput } from './renderer.ts';
import type { RenderReply, RenderRequest } from './pdf-worker.ts';
import { renderPdf } from './pdf/render.ts';

interface Job {
  id: number;
  input: RenderInput;
  resolve(pdf: Buffer): void;
  reject(err: Error): void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
}

const WORKER_URL = new URL('./pdf-worker.ts', import.meta.url).href;

/**
 * The worker entry is TypeScript and the service runs under tsx. On Node 20 a worker does
 * not get the parent's `--import tsx` hooks in time for its entry module, so the worker
 * starts from a tiny bootstrap that registers tsx itself and then imports the entry.
 */
function bootstrap(): string {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  return `(async () => {
    const { register } = await import(${JSON.stringify(tsxApi)});
    register();
    await import(${JSON.stringify(WORKER_URL)});
  })().catch((err) => { process.nextTick(() => { throw err; }); });`;
}

export function createPdfRenderer(o: { threads: number }): Renderer {
  if (!(Number.isInteger(o.threads) && o.threads >= 0)) throw new RangeError(`threads must be an integer ≥ 0, got ${o.threads}`);
  if (o.threads === 0) return inlineRenderer();
  return new PoolRenderer(o.threads);
}

function inlineRenderer(): Renderer {
  let closed = false;
  return {
    async render(input) {
      if (closed) throw new Error('renderer closed');
      return renderPdf(input);
    },
    async close() {
      closed = true;
    },
  };
}

class PoolRenderer implements Renderer {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;

  constructor(private readonly threads: number) {
    for (let i = 0; i < threads; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = new Worker(bootstrap(), { eval: true });
    const slot: Slot = { worker, job: undefined };
    worker.on('message', (reply: RenderReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      slot.job = undefined;
      if ('pdf' in reply) job.resolve(Buffer.from(reply.pdf.buffer, reply.pdf.byteOffset, reply.pdf.byteLength));
      else job.reject(new Error(`PDF rendering failed: ${reply.error}`));
      this.dispatch();
    });
    const fail = (err: Error) => {
      // A dead worker fails its job only; a new worker takes its place.
      const job = slot.job;
      slot.job = undefined;
      job?.reject(err);
      const i = this.slots.indexOf(slot);
      if (i >= 0 && !this.closed) {
        this.slots[i] = this.spawn();
        this.dispatch();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (!this.closed) fail(new Error(`PDF worker exited with code ${code}`));
    });
    // Idle workers must not keep the process alive.
    worker.unref();
    return slot;
  }

  render(input: RenderInput): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('renderer closed'));
    return new Promise<Buffer>((resolve, reject) => {
      this.queue.push({ id: this.nextId++, input, resolve, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0) return;
      if (slot.job) continue;
      const job = this.queue.shift()!;
      slot.job = job;
      // A busy worker must keep the process alive until its reply arrives.
      slot.worker.ref();
      const msg: RenderRequest = { id: job.id, input: job.input };
      try {
        slot.worker.postMessage(msg);
      } catch (err) {
        slot.job = undefined;
        job.reject(err instanceof Error ? err : new Error(String(err)));
      }
    }
    for (const slot of this.slots) if (!slot.job) slot.worker.unref();
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('renderer closed'));
    await Promise.all(this.slots.map(async (s) => {
      s.job?.reject(new Error('renderer closed'));
      s.job = undefined;
      await s.worker.terminate();
    }));
  }
}
