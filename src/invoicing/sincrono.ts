/**
 * Synchronous generation (issue 14): `PUT /{keyEmpresa}/cfdis` and `…/cfdisPdf64` take
 * the body of cfdisAsync, accept it exactly like cfdisAsync (same checks, same
 * Idempotency-Key, committed with its job before anything else) and then wait for the
 * workers: 200 with the GET's body (plus `pdf` in base64), 400 with its `errors`, or,
 * past the wait, 202 EN_PROCESO with the idPeticion to poll. Waiting holds no worker and
 * no connection to the database: the queue wakes it when the peticion ends.
 */
import type { InvoicingDeps } from './deps.ts';
import { submitPeticion } from './submit.ts';
import { queryPeticion, type CfdiAlmacenado, type QueryAnswer } from './query.ts';

export const DEFAULT_SYNC_WAIT_MS = 30_000;

export type SyncAnswer =
  | { status: 200; body: CfdiAlmacenado & { pdf?: string } & Record<string, unknown> }
  | { status: 202; body: { status: 'EN_PROCESO'; idPeticion: string; uuid?: string } }
  | Exclude<QueryAnswer, { status: 200 } | { status: 202 }>;

export interface SyncOptions {
  /** `cfdisPdf64`: the PDF in base64 in the 200 body. */
  pdf: boolean;
  idempotencyKey?: string;
  /** The client went away: stop waiting (the peticion goes on; the client can poll it). */
  signal?: AbortSignal;
  /** Fields the GET adds to a stored CFDI's body (e-mails), so both answer alike. */
  extras?: (body: CfdiAlmacenado, tieneCorreos?: boolean) => Promise<Record<string, unknown>>;
}

export async function generateSync(d: InvoicingDeps, keyEmpresa: string, body: unknown, o: SyncOptions): Promise<SyncAnswer> {
  const { idPeticion } = await submitPeticion(d, keyEmpresa, body, o.idempotencyKey);
  const id = d.ids.decode('peticion', idPeticion)!;
  await d.queue.waitForEnd(id, d.settings.syncWaitMs ?? DEFAULT_SYNC_WAIT_MS, async () => {
    const stage = (await d.store.getPeticion(id))?.stage;
    return stage === 'done' || stage === 'error';
  }, o.signal);
  const a = await queryPeticion(d, keyEmpresa, idPeticion);
  switch (a.status) {
    case 202:
      return { status: 202, body: { status: 'EN_PROCESO', idPeticion, ...(a.body.uuid ? { uuid: a.body.uuid } : {}) } };
    case 200: {
      const extra = o.extras ? await o.extras(a.body, a.tieneCorreos) : {};
      if (!o.pdf) return { status: 200, body: { ...a.body, ...extra } };
      const pdf = a.body.tienePDF === 'true' ? await d.store.getCfdiPdf(d.ids.decode('cfdi', a.body.idCfd)!) : undefined;
      return { status: 200, body: { ...a.body, ...extra, pdf: pdf ? pdf.toString('base64') : '' } };
    }
    default:
      return a;
  }
}
