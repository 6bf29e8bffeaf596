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

const str = (description: string) => ({ type: 'string', description });
const keyEmpresa = schemas.put.params;
const notFound = schemas.get.response[404];

export const familiaSchemas = {
  putSync: putSync(false),
  putPdf64: putSync(true),
  tipos: {
    tags: [TAG],
    summary: 'Tipos de CFD de la empresa',
    description: 'Un elemento por tipo de CFD y sucursal: el `id` (idTipoCfd) y el `idSucursal` que se envían en los PUT.',
    params: keyEmpresa,
    response: {
      200: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            id: str('idTipoCfd (cifrado)'),
            idSucursal: str('idSucursal (cifrado)'),
            sucursal: str('nombre de la sucursal'),
            codigo: str('etiqueta del registro 00, p. ej. FAC'),
            nombre: str('nombre del tipo'),
            serie: str('serie de sus folios; vacío si no tiene'),
            tipoDeComprobante: str('c_TipoDeComprobante por omisión: I, E, T, N o P'),
          },
        },
        example: [{ id: 'd18bb0158356449c31e72cb69e642b31', idSucursal: '6ac9a2c315480d5cc5534c7e58caee5a', sucursal: 'Matriz', codigo: 'FAC', nombre: 'Factura', serie: 'A', tipoDeComprobante: 'I' }],
      },
      401: schemas.put.response[401],
    },
  },
  consulta: {
    tags: [TAG],
    summary: 'Consulta de un CFDI por UUID o por serie y folio',
    description: 'El cuerpo 200 de `GET /{keyEmpresa}/cfdis/{idPeticion}`. Sin serie, el folio debe ser único entre las series (si no, 400).',
    params: keyEmpresa,
    querystring: {
      type: 'object',
      properties: { uuid: str('folio fiscal'), folioEspecifico: str('folio (entero)'), serie: str('serie del folio') },
    },
    response: {
      200: schemas.get.response[200],
      400: { ...schemas.put.response[400], description: 'Parámetros incorrectos (API_PARAMETROS_CONSULTA)' },
      401: schemas.put.response[401],
      404: notFound,
    },
  },
  descarga: {
    tags: [TAG],
    summary: 'Descarga de CFDI (siempre ZIP)',
    description:
      'Un CFDI por `uuid` o por `folio` (y `serie`), o una página de los CFDI de la empresa filtrados por `fecha` (un día), ' +
      '`fechaInicial`/`fechaFinal`, `folioEspecifico`, `folioInicial`/`folioFinal`, `serie` y `produccion`. `pageSize` de 0 a 100 ' +
      '(50 por omisión; 0 solo dice si hay: ZIP vacío o 204), `page` desde 1. Si hay más, `X-Siguiente-Pagina` trae la URL de la siguiente.',
    params: keyEmpresa,
    querystring: {
      type: 'object',
      properties: {
        uuid: str('folio fiscal'),
        serie: str('serie'),
        folio: str('folio (entero) de un CFDI'),
        representacion: { type: 'string', enum: ['XML', 'PDF', 'XML_PDF', 'ACUSE'], description: 'qué lleva el ZIP (XML_PDF por omisión)' },
        produccion: { type: 'string', enum: ['true', 'false'] },
        fecha: str('AAAA-MM-DD: los CFDI de ese día'),
        fechaInicial: str('AAAA-MM-DD o AAAA-MM-DDThh:mm:ss (inclusive)'),
        fechaFinal: str('AAAA-MM-DD o AAAA-MM-DDThh:mm:ss (inclusive)'),
        folioEspecifico: str('un folio (entero)'),
        folioInicial: str('folio inicial (inclusive)'),
        folioFinal: str('folio final (inclusive)'),
        pageSize: { type: 'integer', minimum: 0, maximum: 100, default: 50 },
        page: { type: 'integer', minimum: 1, default: 1, description: 'número de página (también pageNumber)' },
      },
    },
    response: {
      200: { description: 'ZIP con los XML y/o PDF', type: 'string', format: 'binary' },
      204: schemas.download.response[204],
      400: schemas.download.response[400],
      401: schemas.download.response[401],
      404: schemas.download.response[404],
      429: schemas.download.response[429],
      503: schemas.download.response[503],
    },
  },
};
