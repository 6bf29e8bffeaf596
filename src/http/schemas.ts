/**
 * OpenAPI description of the seed's API (served at /docs). These schemas document;
 * they do not validate (see app.ts): the answers keep the seed's exact shapes.
 */
import { jsonDocumentSchema } from '../layout/json/schema.ts';
import { correosSchema } from './notificaciones.ts';
import { IDEMPOTENCY_KEY_MAX, IDEMPOTENCY_WINDOW_HOURS } from '../invoicing/idempotencia.ts';

const errors = {
  type: 'object',
  properties: { errors: { type: 'array', items: { type: 'string' } } },
  example: {
    errors: [
      'Error CFDI40108\nEl TipoDeComprobante es I,E o N, el importe registrado en el campo no es igual al redondeo de la suma de los importes de los conceptos registrados.. :\n Código de error: CFDI40108',
    ],
  },
};

/** Not in the seed: present only when there is something to say. */
const advertencias = {
  type: 'array',
  items: { type: 'string' },
  description: 'Solo cuando las hay: advertencias de las reglas del SAT y reglas que no se pudieron verificar, con el motivo ' +
    '(p. ej. "CFDI40162 no verificada: el catálogo c_ClaveProdServ no está importado …").',
};

const id32 = { type: 'string', pattern: '^[0-9a-f]{32}$' };

/** Issue 14: the optional Idempotency-Key of the PUTs. */
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
const keyEmpresa = { type: 'object', properties: { keyEmpresa: { type: 'string', format: 'uuid' } }, required: ['keyEmpresa'] };

export const openApiInfo = {
  openapi: '3.0.3',
  info: {
    title: 'cfdi-async',
    version: '0.1.0',
    description:
      'Generación asíncrona de CFDI 4.0. `PUT /{keyEmpresa}/cfdisAsync` recibe el archivo fuente; ' +
      '`GET /{keyEmpresa}/cfdis/{idPeticion}` informa el avance o los errores de generación; ' +
      '`GET /{keyEmpresa}/descargasCfdiAsync` descarga XML, PDF o ZIP. Los ids son 32 caracteres hexadecimales cifrados.',
  },
  tags: [{ name: 'CFDI Async' }],
  components: {
    schemas: {
      // What `archivoFuente` holds (as a JSON text) for a tipo de CFD that uses the `json` connector.
      DocumentoJson: { ...jsonDocumentSchema, description: 'archivoFuente for the json connector (send it as a JSON string). See docs/layouts.md.' },
    },
  },
};

const limiteExcedido = {
  description: 'API_LIMITE_PETICIONES: la keyEmpresa excedió CFDI_RATE_LIMIT_PER_SECOND; reintentar tras los segundos del encabezado Retry-After',
  ...errors,
};

const documentoNoEncontrado = { description: 'Documento no encontrado', type: 'object', properties: { status: { type: 'string', enum: ['DOCUMENTO_NO_ENCONTRADO'] } } };

export const schemas = {
  put: {
    tags: ['CFDI Async'],
    summary: 'Generación de CFDI Async',
    description:
      'Recibe el documento. 200 en cuanto la petición queda almacenada y encolada. Los errores del layout y fiscales ' +
      'no se informan aquí sino en la consulta. `archivoFuente` se lee con el conector del tipo de CFD (xsa: registros ' +
      'separados por "\\n", p. ej. `|00|idcfd|FAC|\\n…`; json: el documento `DocumentoJson` como texto JSON).',
    params: keyEmpresa,
    headers: idempotencyHeaders,
    body: {
      type: 'object',
      required: ['idTipoCfd', 'idSucursal', 'archivoFuente'],
      properties: { idTipoCfd: id32, idSucursal: id32, archivoFuente: { type: 'string', minLength: 1 } },
    },
    response: {
      200: { type: 'object', properties: { idPeticion: id32 }, example: { idPeticion: '5503643c66ee9496d7223ad9f61e6609' } },
      400: { description: 'Bad Request - Parámetros incorrectos', ...errors },
      401: { description: 'No existe la keyEmpresa', ...errors },
      409: { description: 'La Idempotency-Key ya se usó con otro cuerpo (API_IDEMPOTENCY_CONFLICTO)', ...errors },
      429: limiteExcedido,
    },
  },
  get: {
    tags: ['CFDI Async'],
    summary: 'Consulta de CFDI Async',
    params: { type: 'object', properties: { keyEmpresa: { type: 'string' }, idPeticion: id32 }, required: ['keyEmpresa', 'idPeticion'] },
    response: {
      200: {
        description: 'CFDI almacenado',
        type: 'object',
        properties: Object.fromEntries(
          ['uuid', 'fecha', 'serie', 'folio', 'rfc', 'iva', 'monto', 'descuento', 'subtotal', 'tipoCambio', 'tipoMoneda', 'idCfd',
            'idSucursal', 'status', 'fechaCancelacion', 'tienePDF', 'pedimento', 'fechaPedimento', 'aduana', 'pdfAndXmlDownload',
            'pdfDownload', 'xmlDownload'].map((k): [string, object] => [k, { type: 'string' }]).concat([['produccion', { type: 'boolean' }], ['advertencias', advertencias], ['correos', correosSchema],
            // Cancellation (issue 12, docs/cancelacion.md): the CFDI's state; fechaCancelacion as `fecha` once CANCELADO.
            ['status', { type: 'string', enum: ['ALMACENADO', 'CANCELACION_EN_PROCESO', 'CANCELADO', 'CANCELACION_RECHAZADA'] }],
            // Payments (issue 13, docs/pagos.md): what is left to pay of a PPD invoice.
            ['saldoInsoluto', { type: 'string' }]]),
        ),
      },
      202: {
        description: 'Operación en proceso (con uuid cuando ya se timbró y falta el PDF)',
        type: 'object',
        properties: { status: { type: 'string', enum: ['EN_PROCESO'] }, uuid: { type: 'string' } },
      },
      400: { description: 'Documento con errores de generación', ...errors, properties: { ...errors.properties, advertencias } },
      401: { description: 'No existe la keyEmpresa', ...errors },
      429: limiteExcedido,
      404: documentoNoEncontrado,
    },
  },
  download: {
    tags: ['CFDI Async'],
    summary: 'Descarga del CFDI Async',
    description:
      'Por `idCfdi` o `uuid`: XML, PDF o ZIP con ambos (`uuid` solo → ZIP). Solo `representacion` (y filtros opcionales) → ZIP con ' +
      'los CFDI de la empresa; si no caben en una página, el encabezado `X-Siguiente-Pagina` trae la URL de la siguiente.',
    params: keyEmpresa,
    querystring: {
      type: 'object',
      properties: {
        idCfdi: id32,
        uuid: { type: 'string' },
        produccion: { type: 'string', enum: ['true', 'false'] },
        representacion: { type: 'string', enum: ['XML', 'PDF', 'XML_PDF', 'ACUSE'], description: 'ACUSE: el acuse de cancelación del SAT tal como se recibió (también va en los ZIP XML_PDF)' },
        fechaInicial: { type: 'string', description: 'AAAA-MM-DD o AAAA-MM-DDThh:mm:ss (inclusive)' },
        fechaFinal: { type: 'string', description: 'AAAA-MM-DD o AAAA-MM-DDThh:mm:ss (inclusive)' },
        serie: { type: 'string' },
        folioInicial: { type: 'string' },
        folioFinal: { type: 'string' },
        despuesDe: { ...id32, description: 'Paginación: idCfdi a partir del cual continuar' },
      },
    },
    response: {
      200: { description: 'XML, PDF o ZIP', type: 'string', format: 'binary' },
      204: { description: 'No Content - ningún CFDI cumple los filtros (produccion, fechas, serie, folios)', type: 'null' },
      400: { description: 'Bad Request - Parámetros incorrectos', ...errors },
      401: { description: 'No existe la keyEmpresa', ...errors },
      429: limiteExcedido,
      404: { ...documentoNoEncontrado, description: 'El idCfdi o uuid no es un CFDI de la empresa (204 queda para filtros sin resultados)' },
      503: { description: 'API_DESCARGAS_OCUPADO: hay CFDI_MAX_BULK_DOWNLOADS descargas masivas en curso; reintentar tras Retry-After segundos', ...errors },
    },
  },
};
