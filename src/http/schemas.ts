/**
 * OpenAPI description of the seed's API (served at /docs). These schemas document;
 * they do not validate (see app.ts): the answers keep the seed's exact shapes.
 */
import { jsonDocumentSchema } from '../layout/json/schema.ts';
import { correosSchema } from './notificaciones.ts';

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

export const schemas = {
  put: {
    tags: ['CFDI Async'],
    summary: 'Generación de CFDI Async',
    description:
      'Recibe el documento. 200 en cuanto la petición queda almacenada y encolada. Los errores del layout y fiscales ' +
      'no se informan aquí sino en la consulta. `archivoFuente` se lee con el conector del tipo de CFD (xsa: registros ' +
      'separados por "\\n", p. ej. `|00|idcfd|FAC|\\n…`; json: el documento `DocumentoJson` como texto JSON).',
    params: keyEmpresa,
    body: {
      type: 'object',
      required: ['idTipoCfd', 'idSucursal', 'archivoFuente'],
      properties: { idTipoCfd: id32, idSucursal: id32, archivoFuente: { type: 'string', minLength: 1 } },
    },
    response: {
      200: { type: 'object', properties: { idPeticion: id32 }, example: { idPeticion: '5503643c66ee9496d7223ad9f61e6609' } },
      400: { description: 'Bad Request - Parámetros incorrectos', ...errors },
      401: { description: 'No existe la keyEmpresa', ...errors },
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
            'pdfDownload', 'xmlDownload'].map((k) => [k, { type: 'string' }]).concat([['produccion', { type: 'boolean' }], ['advertencias', advertencias], ['correos', correosSchema],
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
      404: { description: 'Documento no encontrado', type: 'object', properties: { status: { type: 'string', enum: ['DOCUMENTO_NO_ENCONTRADO'] } } },
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
        representacion: { type: 'string', enum: ['XML', 'PDF', 'XML_PDF'] },
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
      204: { description: 'No Content - No existen CFDI', type: 'null' },
      400: { description: 'Bad Request - Parámetros incorrectos', ...errors },
      401: { description: 'No existe la keyEmpresa', ...errors },
    },
  },
};
