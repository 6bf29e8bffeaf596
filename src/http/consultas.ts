/**
 * Routes of the seed family's look-ups and synchronous download (issue 14):
 * `GET /{keyEmpresa}/tiposCfds`, `GET /{keyEmpresa}/cfdis?uuid=|folioEspecifico=[&serie=]`
 * and `GET /{keyEmpresa}/descargasCfdi`. Handlers only translate HTTP to `invoicing/`.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { InvoicingDeps } from '../invoicing/deps.ts';
import { consultaCfdi, listTiposCfd } from '../invoicing/consultas.ts';
import { descargaCfdi } from '../invoicing/descargas.ts';
import { sendDownload, singleValues } from './app.ts';
import { familiaSchemas } from './familia-schemas.ts';

type Params = { Params: { keyEmpresa: string } };

export function registerConsultas(app: FastifyInstance, d: InvoicingDeps, o: { bulkSlot?: (reply: FastifyReply) => void } = {}): void {
  app.get<Params>('/:keyEmpresa/tiposCfds', { schema: familiaSchemas.tipos }, async (req) => listTiposCfd(d, req.params.keyEmpresa));

  app.get<Params>('/:keyEmpresa/cfdis', { schema: familiaSchemas.consulta }, async (req, reply) => {
    const a = await consultaCfdi(d, req.params.keyEmpresa, singleValues(req.query as Record<string, unknown>));
    // Additive, as on GET …/cfdis/{idPeticion}: `correos` when the CFDI was e-mailed.
    return reply.status(a.status).send(a.status === 200 && d.notifier ? { ...a.body, ...(await d.notifier.camposConsulta(a.body)) } : a.body);
  });

  app.get<Params>('/:keyEmpresa/descargasCfdi', { schema: familiaSchemas.descarga }, async (req, reply) => {
    const q = singleValues(req.query as Record<string, unknown>);
    return sendDownload(reply, await descargaCfdi(d, req.params.keyEmpresa, q, { bulkSlot: o.bulkSlot && (() => o.bulkSlot!(reply)) }));
  });
}
