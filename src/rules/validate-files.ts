/**
 * `cfdi-async validate FILE…`: a CFDI 4.0 XML (sealed or stamped, ours or anyone's)
 * against the whole matrix, the emisor's Sello (CFDI40102, with the embedded
 * Certificado) and, when stamped, the TimbreFiscalDigital: SelloCFD must be the
 * Comprobante's Sello and SelloSAT must verify with the SAT certificate named by
 * NoCertificadoSAT (notChecked when that certificate is not supplied).
 */
import { X509Certificate, createPublicKey, createVerify } from 'node:crypto';
import { cadenaTfd } from '../cfdi/cadena.ts';
import type { Comprobante } from '../cfdi/model.ts';
import { readComprobante } from '../cfdi/xml/read.ts';
import type { Finding } from './rule.ts';
import { validateComprobante, type ValidationContext } from './validate.ts';

/** Our own checks outside the SAT matrix (docs/rules.md, "Timbre"). */
export const TFD_SELLO_CFD = 'TFD_SELLO_CFD';
export const TFD_SELLO_SAT = 'TFD_SELLO_SAT';
const MSG_SELLO_CFD = 'El atributo SelloCFD del TimbreFiscalDigital no es igual al Sello del Comprobante.';
const MSG_SELLO_SAT = 'El SelloSAT del TimbreFiscalDigital no corresponde a la cadena original del timbre.';

export interface FileValidationContext extends ValidationContext {
  /** SAT stamping certificates: NoCertificadoSAT → certificate PEM (or the .cer in base64). */
  satCertificates?: ReadonlyMap<string, string>;
}

export interface FileValidation {
  findings: Finding[];
  /** Codes with an error, unique, in code order. */
  errors: string[];
}

export async function validateCfdiXml(xml: string, ctx: FileValidationContext): Promise<FileValidation> {
  let c: Comprobante;
  try {
    c = readComprobante(xml);
  } catch (e) {
    const f: Finding = {
      code: 'CFDI40999',
      status: 'error',
      message: 'Error no clasificado.',
      detail: `no es un CFDI 4.0 legible: ${(e as Error).message}`,
    };
    return { findings: [f], errors: ['CFDI40999'] };
  }
  const findings = await validateComprobante(c, ctx);
  findings.push(...tfdFindings(c, ctx.satCertificates));
  const errors = [...new Set(findings.filter((f) => f.status === 'error').map((f) => f.code))].sort();
  return { findings, errors };
}

function tfdFindings(c: Comprobante, certs?: ReadonlyMap<string, string>): Finding[] {
  const tfd = c.Complemento?.TimbreFiscalDigital;
  const node = 'tfd:TimbreFiscalDigital';
  if (!tfd) {
    const na = (code: string, message: string): Finding => ({ code, status: 'notApplicable', message, node, detail: 'not stamped' });
    return [na(TFD_SELLO_CFD, MSG_SELLO_CFD), na(TFD_SELLO_SAT, MSG_SELLO_SAT)];
  }
  const out: Finding[] = [];
  out.push(
    tfd.SelloCFD === c.Sello
      ? { code: TFD_SELLO_CFD, status: 'ok', message: MSG_SELLO_CFD, node, attribute: 'SelloCFD' }
      : { code: TFD_SELLO_CFD, status: 'error', message: MSG_SELLO_CFD, node, attribute: 'SelloCFD', value: `${tfd.SelloCFD.slice(0, 20)}…` },
  );
  const cert = certs?.get(tfd.NoCertificadoSAT);
  if (cert === undefined) {
    out.push({ code: TFD_SELLO_SAT, status: 'notChecked', message: MSG_SELLO_SAT, node, attribute: 'SelloSAT', detail: `falta el certificado del SAT ${tfd.NoCertificadoSAT}; páselo con validate --sat-cert para verificar el SelloSAT` });
    return out;
  }
  let ok = false;
  try {
    const key = cert.includes('-----BEGIN')
      ? createPublicKey(cert)
      : new X509Certificate(Buffer.from(cert, 'base64')).publicKey;
    const v = createVerify('RSA-SHA256');
    v.update(Buffer.from(cadenaTfd(tfd), 'utf8'));
    ok = v.verify(key, Buffer.from(tfd.SelloSAT, 'base64'));
  } catch {
    ok = false;
  }
  out.push({ code: TFD_SELLO_SAT, status: ok ? 'ok' : 'error', message: MSG_SELLO_SAT, node, attribute: 'SelloSAT', value: ok ? undefined : tfd.NoCertificadoSAT });
  return out;
}
