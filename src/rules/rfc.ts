/**
 * RFC_DIGITO_VERIFICADOR — a check outside the SAT matrix, reported as a warning.
 *
 * The last character of an RFC is a check digit (módulo 11 over the other characters,
 * with the SAT's character values). cfdv40.xsd only constrains its alphabet ([0-9A],
 * CFDI40999, an error because every PAC applies that schema); the digit itself is not
 * verified by the SAT's validation, and RFCs whose digit does not compute exist in the
 * SAT's register (the register, not the arithmetic, is the authority). So a mismatch is
 * a warning that reaches the client, never a reason to refuse the document.
 */
import { defineRule } from './define-rule.ts';
import { conceptoNode } from './helpers.ts';
import { RFC_EXTRANJERO, RFC_PUBLICO_GENERAL } from './registry.ts';

const VALUES = '0123456789ABCDEFGHIJKLMN&OPQRSTUVWXYZ Ñ';
const SHAPE = /^[A-Z&Ñ]{3,4}[0-9]{6}[A-Z0-9]{2}[0-9A]$/;

/** The check digit an RFC (12 or 13 characters) should end with; undefined when it is not RFC-shaped. */
export function rfcDigitoVerificador(rfc: string): string | undefined {
  if (!SHAPE.test(rfc)) return undefined;
  const s = rfc.length === 12 ? ` ${rfc}` : rfc;
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += VALUES.indexOf(s[i]) * (13 - i);
  const r = sum % 11;
  return r === 0 ? '0' : r === 1 ? 'A' : String(11 - r);
}

export const RFC_DV_CODE = 'RFC_DIGITO_VERIFICADOR';

export const rfcDigitoVerificadorRule = defineRule({
  code: RFC_DV_CODE,
  node: 'Rfc',
  message: 'El dígito verificador del RFC no corresponde al calculado; verifique el RFC en el padrón del SAT (existen RFC antiguos así).',
  check(c, _ctx, r) {
    const check = (node: string, attribute: string, rfc: string | undefined) => {
      if (rfc === undefined || rfc === RFC_PUBLICO_GENERAL || rfc === RFC_EXTRANJERO) return;
      const dv = rfcDigitoVerificador(rfc);
      // Not RFC-shaped: CFDI40999's error, not this warning.
      if (dv !== undefined && dv !== rfc.slice(-1)) r.warning({ node, attribute, value: rfc, detail: `el dígito verificador calculado es "${dv}"` });
    };
    check('Emisor', 'Rfc', c.Emisor.Rfc);
    check('Receptor', 'Rfc', c.Receptor.Rfc);
    c.Conceptos.forEach((k, i) => check(`${conceptoNode(i)}/ACuentaTerceros`, 'RfcACuentaTerceros', k.ACuentaTerceros?.RfcACuentaTerceros));
  },
});
