/** `GET /{keyEmpresa}/estadoSat?uuid=<u>`: the SAT status of one of the empresa's CFDIs (issue 11). */
import type { FastifyInstance } from 'fastify';
import type { InvoicingDeps } from '../invoicing/deps.ts';
import { estadoSatDeEmpresa } from '../invoicing/estado-sat.ts';

const schema = {
  description: 'Estado del CFDI en el SAT (ConsultaCFDIService) para un CFDI timbrado de la empresa.',
  params: { type: 'object', properties: { keyEmpresa: { type: 'string' } }, required: ['keyEmpresa'] },
  querystring: { type: 'object', properties: { uuid: { type: 'string', description: 'folio fiscal del CFDI' } }, required: ['uuid'] },
  response: {
    200: {
      type: 'object',
      properties: Object.fromEntries(['estado', 'esCancelable', 'estatusCancelacion', 'codigoEstatus'].map((k) => [k, { type: 'string' }])),
    },
  },
};

export function registerEstadoSat(app: FastifyInstance, d: InvoicingDeps): void {
  app.get<{ Params: { keyEmpresa: string }; Querystring: { uuid?: unknown } }>('/:keyEmpresa/estadoSat', { schema }, async (req) => {
    const q = req.query.uuid;
    return estadoSatDeEmpresa(d, req.params.keyEmpresa, Array.isArray(q) ? q[0] : q);
  });
}
