/**
 * OpenAPI description of the seed family's other calls (issue 14): synchronous
 * generation, tipos de CFD, CFDI look-up and the synchronous download. These schemas
 * document; they do not validate (see app.ts).
 */
import { schemas } from './schemas.ts';

const TAG = 'CFDI (familia)';
const cfdi200 = schemas.get.response[200];
const enProceso = {
  description: 'Pasó la espera (CFDI_SYNC_WAIT_MS, 30 s por omisión): consultar después GET /{keyEmpresa}/cfdis/{idPeticion}',
  type: 'object',
  properties: { status: { type: 'string', enum: ['EN_PROCESO'] }, idPeticion: { type: 'string' }, uuid: { type: 'string', description: 'cuando ya se timbró y falta el PDF' } },
  example: { status: 'EN_PROCESO', idPeticion: '5503643c66ee9496d7223ad9f61e6609' },
};

function putSync(pdf: boolean) {
  return {
    tags: [TAG],
    summary: pdf ? 'Generación de CFDI síncrona, con el PDF en base64' : 'Generación de CFDI síncrona',
    description:
      'El mismo cuerpo (e Idempotency-Key) que `PUT /{keyEmpresa}/cfdisAsync`, pero la respuesta espera al final de la petición: ' +
      '200 con el cuerpo de la consulta' + (pdf ? ' más `pdf` (el PDF en base64; vacío si el CFDI no tiene PDF)' : '') +
      ', 400 con los errores de generación, o 202 EN_PROCESO con el idPeticion si tarda más que la espera configurada.',
    params: schemas.put.params,
    headers: schemas.put.headers,
    body: schemas.put.body,
    response: {
      200: pdf
        ? { ...cfdi200, properties: { ...cfdi200.properties, pdf: { type: 'string', format: 'byte', description: 'PDF en base64' } } }
        : cfdi200,
      202: enProceso,
      400: schemas.get.response[400],
      401: schemas.put.response[401],
      409: schemas.put.response[409],
    },
  };
}

export const familiaSchemas = {
  putSync: putSync(false),
  putPdf64: putSync(true),
};
