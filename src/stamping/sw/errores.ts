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
