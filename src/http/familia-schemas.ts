/**
 * OpenAPI description of the seed family's other calls (issue 14): synchronous
 * generation, tipos de CFD, CFDI look-up and the synchronous download; and the
 * Idempotency-Key header of the PUTs. These schemas document; they do not validate.
 */
import { IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_WINDOW_HOURS } from '../invoicing/idempotencia.ts';

export const idempotencyHeaders = {
  type: 'object',
  properties: {
    'Idempotency-Key': {
      type: 'string',
      minLength: 1,
      maxLength: IDEMPOTENCY_KEY_MAX,
      description:
        `Opcional. Reintentar con la misma clave y el mismo cuerpo durante ${IDEMPOTENCY_WINDOW_HOURS} h devuelve el mismo idPeticion ` +
        'sin generar otro CFDI (p. ej. tras una conexión cortada); la misma clave con otro cuerpo es 409. ' +
        `De 1 a ${IDEMPOTENCY_KEY_MAX} caracteres ASCII visibles; por empresa.`,
    },
  },
};
