/**
 * CFDI40106 — Comprobante@Certificado.
 *
 * SAT: El atributo debe contener un archivo .cer válido.
 *
 * Checks the Certificado is a DER X.509 certificate (base64), that NoCertificado is its serial
 * decoded as the SAT does, and that it was issued to the Emisor's RFC. A Fecha outside the
 * certificate's validity is a warning (the PAC answers it with its own code 305).
 */
import { parseCertificado } from '../certificado.ts';
import { defineRule } from '../define-rule.ts';

export const cfdi40106 = defineRule({
  code: 'CFDI40106',
  node: 'Comprobante',
  attribute: 'Certificado',
  message: 'EL certificado no cumple con alguno de los valores permitidos.',
  check(c, _ctx, r) {
    if (c.Certificado === undefined) {
      return c.Sello === undefined
        ? r.notApplicable('unsealed document: the Certificado is added when sealing')
        : r.error({ detail: 'sealed document without Certificado' });
    }
    const cert = parseCertificado(c.Certificado);
    if ('error' in cert) return r.error({ value: `${c.Certificado.slice(0, 20)}…`, detail: cert.error });
    if (c.NoCertificado !== undefined && c.NoCertificado !== cert.noCertificado) {
      r.error({ attribute: 'NoCertificado', value: c.NoCertificado, detail: `the certificate's number is ${cert.noCertificado}` });
    }
    if (cert.rfc !== undefined && cert.rfc !== c.Emisor.Rfc) {
      r.error({ value: cert.rfc, detail: `the certificate belongs to ${cert.rfc}, not to the Emisor ${c.Emisor.Rfc}` });
    }
    const day = c.Fecha.slice(0, 10);
    if (day < cert.validFrom.slice(0, 10) || day > cert.validTo.slice(0, 10)) {
      r.warning({ detail: `el certificado es válido del ${cert.validFrom} al ${cert.validTo} y la Fecha es ${c.Fecha}: el PAC lo rechaza (código 305); use una Fecha dentro de la vigencia o renueve el CSD` });
    }
  },
});
