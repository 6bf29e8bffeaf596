/**
 * POST /{keyEmpresa}/cfdis/cancelar (issue 12; docs/cancelacion.md): the cancel call of
 * the service behind the seed. 200 with one answer per UUID; 400 for a malformed body,
 * 401 for an unknown keyEmpresa, through the app's error handler.
 */
import type { FastifyInstance } from 'fastify';
import type { CancelacionDeps } from '../cancelacion/deps.ts';
import { cancelarCfdis, MAX_UUIDS } from '../cancelacion/cancelar.ts';
import { AppError } from '../shared/errors.ts';

const schema = {
  tags: ['CFDI Async'],
  summary: 'Cancelar CFDI',
  description:
    'Solicita al SAT (por el PAC) la cancelación de uno o más CFDI de la empresa, firmada con su CSD. ' +
    'Responde 200 con un elemento por UUID: `status` es el código del SAT (201 solicitud recibida, 202 previamente ' +
    'solicitado o cancelado, 205 UUID no existe, …) o uno nuestro (CAN_…) cuando se rechaza antes de preguntar. ' +
    'Repetir la llamada devuelve la respuesta registrada. El estado se consulta en GET …/cfdis/{idPeticion} (`status`, `fechaCancelacion`).',
  params: { type: 'object', properties: { keyEmpresa: { type: 'string' } } },
  body: {
    type: 'object',
    required: ['motivo', 'uuid'],
    properties: {
      motivo: { type: 'string', enum: ['01', '02', '03', '04'], description: 'c_Motivo' },
      folioSustitucion: { type: 'string', description: 'UUID del CFDI que sustituye (solo motivo 01; vacío en los demás)' },
      uuid: { type: 'array', minItems: 1, maxItems: MAX_UUIDS, items: { type: 'string' } },
    },
  },
  response: {
    200: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          uuid: { type: 'string' },
          status: { type: 'string', description: '201, 202, 203, 205, 207-212, no_cancelable (SAT) o CAN_… (docs/errors.md)' },
          mensaje: { type: 'string' },
        },
      },
    },
    400: { type: 'object', properties: { errors: { type: 'array', items: { type: 'string' } } } },
    401: { type: 'object', properties: { errors: { type: 'array', items: { type: 'string' } } } },
  },
};

export function registerCancelacion(app: FastifyInstance, d: CancelacionDeps): void {
  app.post<{ Params: { keyEmpresa: string } }>('/:keyEmpresa/cfdis/cancelar', { schema }, async (req, reply) => {
    const ct = String(req.headers['content-type'] ?? '');
    if (!ct.toLowerCase().startsWith('application/json')) {
      throw new AppError('API_CONTENT_TYPE', 'El cuerpo debe enviarse con Content-Type: application/json');
    }
    return reply.status(200).send(await cancelarCfdis(d, req.params.keyEmpresa, req.body));
  });
}
