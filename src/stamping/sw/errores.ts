/**
 * SW Sapien's answer codes and what they mean for the request (../shared/docs/pac-protocols.md §1.5).
 * SW puts the code at the start of `message`: `307. El comprobante…`, `CFDI3307 - Timbre
 * duplicado…`, `CFDI40108 - …`, `401 - El rango de la fecha…`. Every row is exercised
 * against the SW double by src/stamping/sw/sw.test.ts.
 */
import { FAMILIAS_SAT, INCIDENCIAS_COMUNES, type TablaPac } from '../clasificacion.ts';

export const TABLA_SW: TablaPac = {
  pac: 'SW Sapien',
  filas: [
    { codigo: '307', clase: 'timbre-previo', nota: 'El comprobante contiene un timbre previo: data trae el timbre original.' },
    { codigo: 'CFDI3307', clase: 'timbre-previo', nota: 'customid duplicado: data.tfd es el primer timbre; el XML se descarga del almacenamiento por UUID.' },
    { codigo: '300', clase: 'reintentable', nota: 'Usuario o token no válido: configuración del operador (pac set); el CFDI espera.' },
    ...INCIDENCIAS_COMUNES,
  ],
  familias: FAMILIAS_SAT,
  desconocido: 'reintentable',
};

/**
 * SW's request-level refusals of `POST /cfdi33/cancel/xml` (§1.6). The SAT's per-UUID codes
 * (201–212, no_cancelable) are answers, not rows here (cancelador.ts `esRespuestaSat`).
 * Exercised row by row against the SW double by src/stamping/sw/cancelar.test.ts.
 */
export const TABLA_SW_CANCELACION: TablaPac = {
  pac: 'SW Sapien',
  filas: [
    { codigo: '300', clase: 'reintentable', nota: 'Usuario o token no válido: configuración del operador (pac set); la solicitud se reenvía.' },
    { codigo: '301', clase: 'permanente', nota: 'La solicitud firmada no es XML válido.' },
    { codigo: '302', clase: 'permanente', nota: 'La firma de la solicitud es inválida.' },
    { codigo: '304', clase: 'permanente', nota: 'El certificado de la firma está revocado o caduco.' },
    { codigo: '305', clase: 'permanente', nota: 'El certificado no estaba vigente a la fecha de la solicitud.' },
    { codigo: '309', clase: 'permanente', nota: 'El certificado de la firma es inválido.' },
    { codigo: '310', clase: 'permanente', nota: 'El certificado no es un CSD.' },
    { codigo: '311', clase: 'permanente', nota: 'Motivo inválido.' },
    { codigo: '312', clase: 'permanente', nota: 'El UUID no se relaciona con el folio de sustitución.' },
  ],
  familias: [],
  desconocido: 'reintentable',
};
