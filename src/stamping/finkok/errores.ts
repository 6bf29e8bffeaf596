/**
 * Finkok's incidence codes (`Incidencia/CodigoError`) and what they mean for the request
 * (../shared/docs/pac-protocols.md §2.3–2.4). Every row is exercised against the Finkok
 * double by src/stamping/finkok/finkok.test.ts.
 */
import { FAMILIAS_SAT, INCIDENCIAS_COMUNES, type TablaPac } from '../clasificacion.ts';

export const TABLA_FINKOK: TablaPac = {
  pac: 'Finkok',
  filas: [
    { codigo: '307', clase: 'timbre-previo', nota: 'El CFDI contiene un timbre previo; sin xml/UUID se recupera con `stamped`.' },
    { codigo: '300', clase: 'reintentable', nota: 'Usuario o contraseña inválidos: configuración del operador (pac set); el CFDI espera.' },
    ...INCIDENCIAS_COMUNES,
    { codigo: '501', clase: 'reintentable', nota: 'Autenticación no válida: configuración del operador.' },
    { codigo: '603', clase: 'reintentable', nota: '`stamped`: aún no hay timbre previo; Finkok puede tardar unos segundos en tenerlo.' },
    { codigo: '703', clase: 'reintentable', nota: 'Cuenta suspendida: el operador la reactiva; el CFDI espera.' },
    { codigo: '704', clase: 'permanente', nota: 'Error con la contraseña de la llave privada.' },
    { codigo: '705', clase: 'permanente', nota: 'XML con estructura inválida.' },
    { codigo: '706', clase: 'reintentable', nota: 'Socio inválido: configuración de la cuenta.' },
    { codigo: '709', clase: 'reintentable', nota: 'SelloSat no pudo ser creado: falla del PAC.' },
  ],
  familias: FAMILIAS_SAT,
  desconocido: 'reintentable',
};

/**
 * Finkok's request-level codes of `cancel_signature` (`CodEstatus` without Folios, §2.5).
 * The SAT's per-UUID codes in `Folios/Folio/EstatusUUID` are answers, not rows here.
 * Exercised row by row against the Finkok double by src/stamping/finkok/cancelar.test.ts.
 */
export const TABLA_FINKOK_CANCELACION: TablaPac = {
  pac: 'Finkok',
  filas: [
    { codigo: '300', clase: 'reintentable', nota: 'Usuario o contraseña inválidos: configuración del operador (pac set); la solicitud se reenvía.' },
    { codigo: '708', clase: 'reintentable', nota: 'Finkok no pudo conectar con el SAT: la misma solicitud se reenvía (store_pending=false: el reintento es nuestro).' },
    { codigo: '711', clase: 'permanente', nota: 'Error con el certificado de la firma.' },
    { codigo: '798', clase: 'reintentable', nota: 'Ya existe una solicitud previa: se reenvía tras la espera (la repetida responde 202).' },
    { codigo: '799', clase: 'reintentable', nota: 'Se excedió el límite de 5 peticiones: se reenvía más tarde.' },
  ],
  familias: [],
  desconocido: 'reintentable',
};
