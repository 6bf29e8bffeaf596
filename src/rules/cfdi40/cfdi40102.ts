/**
 * CFDI40102 — Comprobante@Sello.
 *
 * SAT: Desencriptar el contenido de este atributo usando el certificado incluido en el
 * atributo "Certificado". Generar la cadena original del comprobante. Aplicar el algoritmo de
 * digestión SHA-256. El resultado de la digestión debe ser igual al resultado de la
 * desencripción del sello.
 *
 * RSA PKCS#1 v1.5 over SHA-256 of the cadena original (`ctx.cadenaOriginal`, built by the
 * engine) with the public key of the embedded Certificado.
 */
import { cadenaVerifies, parseCertificado } from '../certificado.ts';
import { defineRule } from '../define-rule.ts';
import { trasOtroError } from '../helpers.ts';

export const cfdi40102 = defineRule({
  code: 'CFDI40102',
  node: 'Comprobante',
  attribute: 'Sello',
  message: 'El resultado de la digestión debe ser igual al resultado de la desencripción del sello.',
  check(c, ctx, r) {
    if (c.Sello === undefined) return r.notApplicable('unsealed document: the Sello is checked once it is sealed');
    if (c.Certificado === undefined) return r.error({ detail: 'no Certificado to verify the Sello with' });
    const cert = parseCertificado(c.Certificado);
    if ('error' in cert) return r.notChecked(trasOtroError(`el Certificado no se puede leer: ${cert.error}`, 'CFDI40106'));
    if (ctx.cadenaOriginal === undefined) return r.notChecked(ctx.cadenaError ?? 'no se pudo construir la cadena original; revise que el comprobante se lea como CFDI 4.0');
    if (!cadenaVerifies(ctx.cadenaOriginal, c.Sello, cert)) r.error({ value: `${c.Sello.slice(0, 20)}…` });
  },
});
