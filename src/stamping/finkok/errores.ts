/**
 * Finkok's incidence codes (`Incidencia/CodigoError`) and what they mean for the request
 * (../shared/docs/pac-protocols.md §2.3–2.4). Every row is exercised against the Finkok
 * double by src/stamping/finkok/finkok.test.ts.
 */
import type { TablaPac } from '../clasificacion.ts';

export const TABLA_FINKOK: TablaPac = {
  pac: 'Finkok',
  filas: [
    { codigo: '307', clase: 'timbre-previo', nota: 'El CFDI contiene un timbre previo; sin xml/UUID se recupera con `stamped`.' },
    { codigo: '300', clase: 'reintentable', nota: 'Usuario o contraseña inválidos: configuración del operador (pac set); el CFDI espera.' },
    { codigo: '301', clase: 'permanente', nota: 'XML mal formado.' },
    { codigo: '302', clase: 'permanente', nota: 'Sello mal formado o inválido.' },
    { codigo: '303', clase: 'permanente', nota: 'Sello no corresponde al emisor.' },
    { codigo: '304', clase: 'permanente', nota: 'Certificado revocado o caduco.' },
    { codigo: '305', clase: 'permanente', nota: 'Fecha de emisión fuera de la vigencia del CSD.' },
    { codigo: '306', clase: 'permanente', nota: 'El certificado no es un CSD.' },
    { codigo: '308', clase: 'permanente', nota: 'Certificado no expedido por el SAT.' },
    { codigo: '401', clase: 'permanente', nota: 'Fecha y hora de generación fuera de rango (72 horas).' },
    { codigo: '402', clase: 'permanente', nota: 'El RFC del emisor no está en la LCO.' },
    { codigo: '403', clase: 'permanente', nota: 'Fecha de emisión anterior a 2012.' },
    { codigo: '501', clase: 'reintentable', nota: 'Autenticación no válida: configuración del operador.' },
    { codigo: '603', clase: 'reintentable', nota: '`stamped`: aún no hay timbre previo; Finkok puede tardar unos segundos en tenerlo.' },
    { codigo: '703', clase: 'reintentable', nota: 'Cuenta suspendida: el operador la reactiva; el CFDI espera.' },
    { codigo: '704', clase: 'permanente', nota: 'Error con la contraseña de la llave privada.' },
    { codigo: '705', clase: 'permanente', nota: 'XML con estructura inválida.' },
    { codigo: '706', clase: 'reintentable', nota: 'Socio inválido: configuración de la cuenta.' },
    { codigo: '709', clase: 'reintentable', nota: 'SelloSat no pudo ser creado: falla del PAC.' },
  ],
  familias: [
    { patron: /^CFDI\d{5}$/, clase: 'permanente', nota: 'Una regla de la matriz de errores del SAT (CFDI40xxx).' },
    { patron: /^CRP\d{5}$/, clase: 'permanente', nota: 'Una regla del complemento de pagos.' },
  ],
  desconocido: 'reintentable',
};
