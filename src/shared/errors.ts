/**
 * The registry of our own error codes: one place that says what each code means,
 * which HTTP status it maps to and whether a job that hit it may be retried.
 * `docs/errors.md` is checked against it by `src/shared/errors.test.ts`.
 *
 * SAT codes (CFDI40xxx, CRP20xxx) are not here: they come from the SAT matrix
 * (`rules/`) and always reach the client as generation errors (HTTP 400 on the GET).
 * Codes are never reused; a retired code stays listed.
 */
export interface ErrorDef {
  /** HTTP status when the error answers a request directly. */
  http: number;
  /** A job failing with it may succeed if retried. */
  retryable: boolean;
  /** What it means, for operators (docs/errors.md). */
  description: string;
}

export const ERRORS = {
  // ── HTTP API ───────────────────────────────────────────────────────────────
  API_EMPRESA_DESCONOCIDA: { http: 401, retryable: false, description: 'The keyEmpresa in the URL is not a known empresa (the seed answers 401).' },
  API_CUERPO_INVALIDO: { http: 400, retryable: false, description: 'The PUT body is not a JSON object with idTipoCfd, idSucursal and archivoFuente as strings.' },
  API_ID_INVALIDO: { http: 400, retryable: false, description: 'An encrypted id (idTipoCfd, idSucursal, idCfdi) is malformed, tampered with, or belongs to another empresa.' },
  API_ARCHIVO_VACIO: { http: 400, retryable: false, description: 'archivoFuente is empty.' },
  API_ARCHIVO_GRANDE: { http: 400, retryable: false, description: 'archivoFuente exceeds the configured maximum size (CFDI_MAX_DOCUMENT_BYTES).' },
  API_PARAMETROS_DESCARGA: { http: 400, retryable: false, description: 'descargasCfdiAsync got no usable parameter, a bad representacion, or a malformed filter.' },
  API_NO_ENCONTRADO: { http: 404, retryable: false, description: 'The peticion does not exist, belongs to another empresa, or has expired.' },
  API_CONTENT_TYPE: { http: 400, retryable: false, description: 'The PUT body is not application/json.' },
  // issue 14: idempotent PUT, synchronous generation and look-ups of the seed family
  API_IDEMPOTENCY_KEY: { http: 400, retryable: false, description: 'The Idempotency-Key header is empty, longer than 100 characters, or has characters other than visible ASCII.' },
  API_PARAMETROS_CONSULTA: { http: 400, retryable: false, description: 'GET …/cfdis got neither uuid nor folioEspecifico, a malformed one, or a folio that several series share without serie.' },
  API_IDEMPOTENCY_CONFLICTO: { http: 409, retryable: false, description: 'The Idempotency-Key was used within the last 72 hours with a different body (idTipoCfd, idSucursal or archivoFuente); the answer names the peticion that holds it.' },

  // ── Generation (reach the client through GET …/cfdis/{idPeticion} as 400 errors) ──
  GEN_CONECTOR_DESCONOCIDO: { http: 400, retryable: false, description: 'The tipo de CFD names a connector that is not registered.' },
  GEN_TIPO_NO_COINCIDE: { http: 400, retryable: false, description: 'Record 00 names a tipo de CFD different from the one sent in idTipoCfd.' },
  GEN_SIN_CSD: { http: 400, retryable: false, description: 'The empresa has no CSD imported; it cannot seal.' },
  GEN_CSD_NO_VIGENTE: { http: 400, retryable: false, description: "The empresa's CSD is not valid at the Comprobante's Fecha." },
  GEN_INTERNO: { http: 500, retryable: true, description: 'An unexpected failure while processing; the job is retried with backoff and ends with this error when attempts run out.' },

  // ── Layout (archivoFuente → draft; reach the client through GET …/cfdis/{idPeticion} as 400 errors) ──
  LAYOUT_VACIO: { http: 400, retryable: false, description: 'The document has no records (empty, blank lines or pipes only).' },
  LAYOUT_REGISTRO_DESCONOCIDO: { http: 400, retryable: false, description: 'A line starts with a record ID that the layout version does not define.' },
  LAYOUT_CAMPOS: { http: 400, retryable: false, description: 'A record has fewer fields than its required ones or more (non-empty) fields than the layout defines.' },
  LAYOUT_REQUERIDO: { http: 400, retryable: false, description: 'A field that the record requires is empty.' },
  LAYOUT_NUMERO: { http: 400, retryable: false, description: 'A decimal field is not a plain decimal number (digits, optional "." and decimals, no thousands separator).' },
  LAYOUT_FECHA: { http: 400, retryable: false, description: 'A date field is neither YYYY-MM-DDThh:mm:ss nor YYYYMMDDThh:mm:ss, or is not a real date.' },
  LAYOUT_VALOR: { http: 400, retryable: false, description: 'A field holds a value outside the set the layout accepts (tax name or code, TipoFactor, payment words, UUID, flag, version).' },
  LAYOUT_LONGITUD: { http: 400, retryable: false, description: 'A field is longer than the layout accepts (4,096 characters).' },
  LAYOUT_ORDEN: { http: 400, retryable: false, description: 'Record 00 is not the first, 99 is not the last, or a record allowed once (00, 01, 03, 08, 09, 99, legacy 02) is repeated.' },
  LAYOUT_VERSION: { http: 400, retryable: false, description: 'Record 00 names a layout version that is unknown or differs from the version pinned for the tipo de CFD.' },
  LAYOUT_FALTA_00: { http: 400, retryable: false, description: 'The document has no header record 00.' },
  LAYOUT_FALTA_01: { http: 400, retryable: false, description: 'The document has no comprobante record 01.' },
  LAYOUT_FALTA_03: { http: 400, retryable: false, description: 'The document has no receptor record 03.' },
  LAYOUT_FALTA_05: { http: 400, retryable: false, description: 'The document has no concepto record 05.' },
  LAYOUT_CLAVE_DUPLICADA: { http: 400, retryable: false, description: 'Two concepts (05) or two related-CFDI groups (02) use the same key.' },
  LAYOUT_CLAVE_HUERFANA: { http: 400, retryable: false, description: 'A 05C/05D/05A/05P/05T/legacy 08 names a concept key, or a 02A a group key, that no record defines.' },
  LAYOUT_TRAILER: { http: 400, retryable: false, description: "Record 99's line count is not the number of records of the document." },
  LAYOUT_SIN_VALOR: { http: 400, retryable: false, description: 'A value the CFDI requires is absent from the document, the empresa directories and the tipo de CFD defaults.' },
  LAYOUT_DEMASIADOS_ERRORES: { http: 400, retryable: false, description: 'The document has more errors than are reported at once (1,000); the rest are omitted.' },
  LAYOUT_JSON: { http: 400, retryable: false, description: 'The json connector got text that is not JSON, or JSON whose shape does not match the published schema.' },
  // issue 10 (b10): characters a CFDI cannot carry, records it cannot hold twice
  LAYOUT_CARACTER: { http: 400, retryable: false, description: 'A value holds a character that XML 1.0 cannot carry (a C0 control character other than TAB/LF/CR, U+FFFE, U+FFFF, an unpaired surrogate); found before any folio is assigned.' },
  LAYOUT_REPETIDO: { http: 400, retryable: false, description: 'A record is repeated where the CFDI holds one: a second 05T for a concept, a 06 with the Impuesto, TipoFactor and TasaOCuota of another, a 07 with the Impuesto of another; both lines are named.' },

  // ── Payment receipts, Pagos 2.0 (issue 13; reach the client through GET …/cfdis/{idPeticion} as 400 errors) ──
  LAYOUT_PAGO_SIN_DOCUMENTOS: { http: 400, retryable: false, description: 'A compPagos record has no comPagosDoctoRel naming its pago id, or Pagos records come without any compPagos.' },
  PAGO_DATO_FALTANTE: { http: 400, retryable: false, description: 'A Pagos 2.0 value (NumParcialidad, ImpSaldoAnt, ImpPagado, EquivalenciaDR, Monto) is absent and cannot be computed: the related invoice was not issued by this service and the document does not give it.' },
  PAGO_EXCEDE_SALDO: { http: 400, retryable: false, description: "ImpPagado of a DoctoRelacionado exceeds the balance (saldo insoluto) of the service's own invoice." },
  PAGO_PARCIALIDAD: { http: 400, retryable: false, description: "NumParcialidad of a DoctoRelacionado is not the next one of the service's own invoice (a repeated or skipped partial payment)." },
  PAGO_SALDO_ANTERIOR: { http: 400, retryable: false, description: "ImpSaldoAnt of a DoctoRelacionado is not the balance of the service's own invoice before this payment." },
  PAGO_FACTURA: { http: 400, retryable: false, description: "The related invoice issued by this service cannot receive a payment receipt: it is not a PPD Ingreso, its currency is not MonedaDR, or it is cancelled." },
  PAGO_CONCURRENTE: { http: 503, retryable: true, description: "Another payment receipt changed the balance of the same invoice while this one was being prepared; the job is retried and re-reads the balance (then it may be refused with PAGO_EXCEDE_SALDO or PAGO_PARCIALIDAD)." },

  // ── Sealing (CSD import and use) ───────────────────────────────────────────
  CSD_PASSWORD: { http: 400, retryable: false, description: 'The .key could not be decrypted with the given password.' },
  CSD_NO_PAR: { http: 400, retryable: false, description: 'The private key does not belong to the certificate.' },
  CSD_RFC: { http: 400, retryable: false, description: "The certificate's RFC is not the emisor's." },
  CSD_VIGENCIA: { http: 400, retryable: false, description: 'The certificate is not valid at the given date.' },
  CSD_FIEL: { http: 400, retryable: false, description: 'The certificate is a FIEL (e.firma), not a CSD.' },
  CSD_FORMATO: { http: 400, retryable: false, description: 'The .cer or .key is not a DER certificate / PKCS#8 key.' },

  // ── Stamping ───────────────────────────────────────────────────────────────
  PAC_RECHAZO: { http: 400, retryable: false, description: 'The PAC refused the CFDI; its own code and message follow.' },
  PAC_NO_DISPONIBLE: { http: 503, retryable: true, description: 'The PAC could not be reached or timed out; retried with backoff.' },

  // ── Cancellation (issue 12): `status` of one UUID in the answer of POST /{keyEmpresa}/cfdis/cancelar when we refuse before asking the SAT ──
  CAN_CUERPO_INVALIDO: { http: 400, retryable: false, description: 'The cancel body is not {"motivo": string, "folioSustitucion"?: string, "uuid": [1 to 500 strings]} (the whole call answers 400).' },
  CAN_UUID_DESCONOCIDO: { http: 404, retryable: false, description: 'The UUID is malformed or is not a CFDI of this empresa (unknown and foreign UUIDs are indistinguishable).' },
  CAN_MOTIVO: { http: 400, retryable: false, description: 'motivo is not 01-04, or folioSustitucion is missing with 01 or present with 02-04 (the SAT would answer 207/208/209).' },
  CAN_FOLIO_SUSTITUCION: { http: 400, retryable: false, description: 'Motivo 01: folioSustitucion is not a live CFDI of the same emisor relating the cancelled one with TipoRelacion 04 (SAT 208/212).' },
  CAN_RELACIONADOS_VIVOS: { http: 409, retryable: false, description: 'Live CFDIs relate this one (payments, credit notes, replacements): the SAT answers "No cancelable" until they are cancelled.' },
  CAN_PLAZO: { http: 400, retryable: false, description: 'The deadline passed: the last day of the month of the annual return of the fiscal year of issue (March or April of the next year).' },
  CAN_SIN_CSD: { http: 400, retryable: false, description: 'The empresa has no CSD valid now to sign the request.' },
  CAN_EN_CURSO: { http: 503, retryable: true, description: 'The PAC did not answer in time (or failed transiently): the same signed request is sent again in the background; a repeated call reports the outcome.' },
  CAN_PAC_SIN_CANCELACION: { http: 409, retryable: false, description: 'The CFDI was stamped in producción but the empresa now uses the test PAC: its simulated SAT must never pretend to cancel it. Configure the empresa\'s PAC (pac set) or cancel it in the SAT portal.' },
  CAN_PAC_RECHAZO: { http: 400, retryable: false, description: 'The PAC refused the request itself (certificate, limits); its code and message follow.' },
  // ── issue 11: production PACs (SW Sapien, Finkok) and the SAT status service ──
  PAC_CONFIGURACION: { http: 400, retryable: false, description: 'cfdi-async pac set got an unknown proveedor or ambiente, a bad URL, or lacks the credentials the PAC needs.' },
  API_UUID_INVALIDO: { http: 400, retryable: false, description: 'estadoSat got no uuid or one that is not a UUID.' },
  SAT_ESTADO_NO_DISPONIBLE: { http: 503, retryable: true, description: "The SAT's ConsultaCFDIService did not answer usably (unreachable, timeout, SOAP fault); ask again later." },

  // ── Storage/queue ──────────────────────────────────────────────────────────
  BD_ESQUEMA_POSTERIOR: { http: 500, retryable: false, description: 'The database schema is newer than this release knows (it was migrated by a later version); refuse to run rather than corrupt it.' },
  BD_NO_ENCONTRADO: { http: 500, retryable: false, description: 'A storage operation named a row that does not exist (a peticion purged while its job ran, or a tipo deleted).' },
  BD_DUPLICADO: { http: 500, retryable: false, description: 'A safety net fired: the UUID or the serie-folio being stored already belongs to another peticion.' },

  // ── issue 16: hardening of the HTTP API ────────────────────────────────────
  API_LIMITE_PETICIONES: { http: 429, retryable: true, description: 'The keyEmpresa sent more requests than CFDI_RATE_LIMIT_PER_SECOND (with bursts up to CFDI_RATE_LIMIT_BURST); Retry-After says in how many seconds to try again.' },
  API_DESCARGAS_OCUPADO: { http: 503, retryable: true, description: 'CFDI_MAX_BULK_DOWNLOADS bulk ZIP downloads are streaming already; Retry-After says when to try again. Downloads by idCfdi or uuid are not bounded.' },
  API_SOLICITUD_RECHAZADA: { http: 400, retryable: false, description: 'Fastify or one of its plugins refused the request (a malformed URL, a path outside /docs/static, a range that cannot be satisfied); the answer keeps the framework\'s own 4xx status.' },
  // ── issue 10 (a10): documents a PAC would refuse, or that would repeat a Serie-Folio; found before any folio is assigned ──
  GEN_FECHA_FUTURA: { http: 400, retryable: false, description: 'The Comprobante Fecha, read in the time zone of the LugarExpedicion, is ahead of the service clock (more than 5 minutes); a PAC refuses it (401).' },
  GEN_FECHA_VENCIDA: { http: 400, retryable: false, description: 'The Comprobante Fecha is more than 72 hours before the service clock; a PAC refuses it (401).' },
  GEN_PAGOS_SIN_COMPLEMENTO: { http: 400, retryable: false, description: 'TipoDeComprobante P (recepción de pagos) without the Pagos 2.0 complement (pago20:Pagos).' },
  GEN_FOLIO_DUPLICADO: { http: 400, retryable: false, description: 'The document carries a Serie and Folio that the empresa already used for another CFDI (or a request in process); the message names its UUID.' },
  // ── Operations (issue 16: connection loss, /metrics) ─────────────────────────
  BD_NO_DISPONIBLE: { http: 503, retryable: true, description: 'The database could not be reached (connection lost or refused, server shutting down or failing over); retry after the Retry-After seconds. Jobs hitting it are retried.' },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;

/** An operational error carrying a registry code. */
export class AppError extends Error {
  readonly def: ErrorDef;
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
    this.def = ERRORS[code];
  }
}

/** The seed's client-facing text shape for a generation error. */
export function formatGenerationError(code: string, message: string): string {
  return `Error ${code}\n${message}. :\n Código de error: ${code}`;
}
