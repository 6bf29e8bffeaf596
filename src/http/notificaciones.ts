/** OpenAPI description of the `correos` field that the GET answer of a stored CFDI may carry (notificaciones/). */
export const correosSchema = {
  type: 'array',
  description:
    'Solo cuando el documento pidió envío por correo (registro 09 o `envio`) o el tipo de CFD tiene copias: ' +
    'un elemento por mensaje (y por reenvío). estado PENDIENTE mientras se reintenta; el CFDI no espera al correo.',
  items: {
    type: 'object',
    properties: {
      id: { type: 'string' },
      estado: { type: 'string', enum: ['PENDIENTE', 'ENVIADO', 'FALLIDO'] },
      para: { type: 'array', items: { type: 'string' } },
      cc: { type: 'array', items: { type: 'string' } },
      intentos: { type: 'integer' },
      fecha: { type: 'string', description: 'cuándo se encoló (ISO 8601 UTC)' },
      fechaEnvio: { type: 'string', description: 'cuándo lo aceptó el servidor SMTP; vacío si aún no' },
      respuesta: { type: 'string', description: 'última respuesta del servidor SMTP' },
      error: { type: 'string' },
      rechazados: { type: 'array', items: { type: 'string' } },
    },
  },
};
