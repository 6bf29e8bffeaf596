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

  // ── Storage/queue ──────────────────────────────────────────────────────────
  BD_ESQUEMA_POSTERIOR: { http: 500, retryable: false, description: 'The database schema is newer than this release knows (it was migrated by a later version); refuse to run rather than corrupt it.' },
  BD_NO_ENCONTRADO: { http: 500, retryable: false, description: 'A storage operation named a row that does not exist (a peticion purged while its job ran, or a tipo deleted).' },
  BD_DUPLICADO: { http: 500, retryable: false, description: 'A safety net fired: the UUID or the serie-folio being stored already belongs to another peticion.' },
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
