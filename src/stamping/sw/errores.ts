/**
 * SW Sapien's answer codes and what they mean for the request (../shared/docs/pac-protocols.md §1.5).
 * SW puts the code at the start of `message`: `307. El comprobante…`, `CFDI3307 - Timbre
 * duplicado…`, `CFDI40108 - …`, `401 - El rango de la fecha…`. Every row is exercised
 * against the SW double by src/stamping/sw/sw.test.ts.
 */
import type { TablaPac } from '../clasificacion.ts';

export const TABLA_SW: TablaPac = {
  pac: 'SW Sapien',
  filas: [
    { codigo: '307', clase: 'timbre-previo', nota: 'El comprobante contiene un timbre previo: data trae el timbre original.' },
    { codigo: 'CFDI3307', clase: 'timbre-previo', nota: 'customid duplicado: data.tfd es el primer timbre; el XML se descarga del almacenamiento por UUID.' },
    { codigo: '300', clase: 'reintentable', nota: 'Usuario o token no válido: configuración del operador (pac set); el CFDI espera.' },
    { codigo: '301', clase: 'permanente', nota: 'XML mal formado.' },
    { codigo: '302', clase: 'permanente', nota: 'Sello mal formado o inválido.' },
    { codigo: '303', clase: 'permanente', nota: 'Sello no corresponde al emisor.' },
    { codigo: '304', clase: 'permanente', nota: 'Certificado revocado o caduco.' },
    { codigo: '305', clase: 'permanente', nota: 'Fecha de emisión fuera de la vigencia del CSD.' },
    { codigo: '306', clase: 'permanente', nota: 'El certificado no es un CSD.' },
    { codigo: '308', clase: 'permanente', nota: 'Certificado no expedido por el SAT.' },
    { codigo: '401', clase: 'permanente', nota: 'Fecha fuera de las 72 horas: el mismo XML nunca podrá timbrarse.' },
    { codigo: '402', clase: 'permanente', nota: 'El RFC del emisor no está en la LCO.' },
    { codigo: '403', clase: 'permanente', nota: 'Fecha de emisión anterior a 2012.' },
  ],
  familias: [
    { patron: /^CFDI\d{5}$/, clase: 'permanente', nota: 'Una regla de la matriz de errores del SAT (CFDI40xxx): el documento no es válido.' },
    { patron: /^CRP\d{5}$/, clase: 'permanente', nota: 'Una regla del complemento de pagos.' },
  ],
  desconocido: 'reintentable',
};
