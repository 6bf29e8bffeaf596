/**
 * CFDI40999 — Error no clasificado@No clasificado.
 *
 * SAT: Error no clasificado.
 *
 * "Error no clasificado": the schema-level checks of cfdv40.xsd that no numbered code covers
 * (required attributes, lengths, t_Importe / t_RFC / CP / UUID patterns, "|" in texts,
 * calendar dates), so that a client learns of them before the PAC answers with its own schema
 * error (301).
 */
import { defineRule } from '../define-rule.ts';
import { conceptoNode } from '../helpers.ts';
import { charLength } from '../../shared/text.ts';

const IMPORTE = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;
const CANTIDAD = /^(?=.*[1-9])[0-9]{1,18}(\.[0-9]{1,6})?$/;
const CANTIDAD_O_CERO = IMPORTE;
const TASA = IMPORTE;
const FECHA = /^(20[1-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;
const CP = /^[0-9]{5}$/;
const RFC = /^[A-Z&Ñ]{3,4}[0-9]{2}(0[1-9]|1[012])(0[1-9]|[12][0-9]|3[01])[A-Z0-9]{2}[0-9A]$/;
const UUID = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;
const PEDIMENTO = /^[0-9]{2} {2}[0-9]{2} {2}[0-9]{4} {2}[0-9]{7}$/;

const REQUIRED = 'es obligatorio';
const NOT_RFC = 'no es un RFC (3 o 4 letras, 6 dígitos de fecha y 3 caracteres de homoclave)';
const NOT_CP = 'no es un código postal de 5 dígitos';
const CLAVE_PROD_SERV = 'debe tener 8 dígitos';
const POSITIVE = 'debe ser un número mayor que cero, sin signo, con hasta 18 enteros y 6 decimales';
const DECIMAL6 = 'debe ser un número sin signo con hasta 18 enteros y 6 decimales';

function validDate(fecha: string): boolean {
  const [y, m, d] = [Number(fecha.slice(0, 4)), Number(fecha.slice(5, 7)), Number(fecha.slice(8, 10))];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

export const cfdi40999 = defineRule({
  code: 'CFDI40999',
  node: 'Error no clasificado',
  attribute: 'No clasificado',
  message: 'Error no clasificado.',
  check(c, _ctx, r) {
    // `detail` reaches the client after node, attribute and value (clientErrors): Spanish, saying what is expected.
    const bad = (node: string, attribute: string, value: string | undefined, detail: string) => r.error({ node, attribute, value, detail });
    const text = (node: string, attribute: string, v: string | undefined, max: number, required = true) => {
      if (v === undefined || v === '') return required ? bad(node, attribute, undefined, REQUIRED) : undefined;
      const n = charLength(v);
      if (n > max) bad(node, attribute, v, `tiene ${n} caracteres; el máximo es ${max}`);
      else if (v.includes('|')) bad(node, attribute, v, 'no puede contener "|"');
    };
    const importe = (node: string, attribute: string, v: string | undefined, required = true) => {
      if (v === undefined) return required ? bad(node, attribute, v, REQUIRED) : undefined;
      if (!IMPORTE.test(v)) bad(node, attribute, v, 'no es un importe: un número sin signo con hasta 18 enteros y 6 decimales');
    };
    const pattern = (node: string, attribute: string, v: string | undefined, re: RegExp, what: string, required = true) => {
      if (v === undefined) return required ? bad(node, attribute, v, REQUIRED) : undefined;
      if (!re.test(v)) bad(node, attribute, v, what);
    };

    if (c.Version !== '4.0') bad('Comprobante', 'Version', c.Version, 'debe ser 4.0');
    pattern('Comprobante', 'Fecha', c.Fecha, FECHA, 'no es una fecha AAAA-MM-DDThh:mm:ss (año 2010 o posterior)');
    if (FECHA.test(c.Fecha) && !validDate(c.Fecha)) bad('Comprobante', 'Fecha', c.Fecha, 'no es una fecha del calendario');
    text('Comprobante', 'Serie', c.Serie, 25, false);
    text('Comprobante', 'Folio', c.Folio, 40, false);
    pattern('Comprobante', 'NoCertificado', c.NoCertificado, /^[0-9]{20}$/, 'debe tener 20 dígitos', false);
    text('Comprobante', 'CondicionesDePago', c.CondicionesDePago, 1000, false);
    importe('Comprobante', 'SubTotal', c.SubTotal);
    importe('Comprobante', 'Descuento', c.Descuento, false);
    importe('Comprobante', 'Total', c.Total);
    pattern('Comprobante', 'LugarExpedicion', c.LugarExpedicion, CP, NOT_CP);
    pattern('Comprobante', 'Confirmacion', c.Confirmacion, /^[0-9a-zA-Z]{5}$/, 'debe tener 5 letras o dígitos', false);
    if (c.InformacionGlobal) pattern('InformacionGlobal', 'Año', c.InformacionGlobal.Año, /^20(19|[2-9][0-9])$/, 'debe ser un año de 2019 en adelante', true);
    c.CfdiRelacionados.forEach((n, i) => {
      if (n.CfdiRelacionado.length === 0) bad(`CfdiRelacionados[${i + 1}]`, 'CfdiRelacionado', undefined, 'debe tener al menos un CfdiRelacionado');
      n.CfdiRelacionado.forEach((u, j) => pattern(`CfdiRelacionados[${i + 1}]/CfdiRelacionado[${j + 1}]`, 'UUID', u.UUID, UUID, 'no es un UUID'));
    });
    pattern('Emisor', 'Rfc', c.Emisor.Rfc, RFC, NOT_RFC);
    text('Emisor', 'Nombre', c.Emisor.Nombre, 300);
    pattern('Emisor', 'FacAtrAdquirente', c.Emisor.FacAtrAdquirente, /^[0-9]{10}$/, 'debe tener 10 dígitos', false);
    pattern('Receptor', 'Rfc', c.Receptor.Rfc, RFC, NOT_RFC);
    text('Receptor', 'Nombre', c.Receptor.Nombre, 300);
    pattern('Receptor', 'DomicilioFiscalReceptor', c.Receptor.DomicilioFiscalReceptor, CP, NOT_CP);
    text('Receptor', 'NumRegIdTrib', c.Receptor.NumRegIdTrib, 40, false);
    if (c.Conceptos.length === 0) bad('Conceptos', 'Concepto', undefined, 'debe haber al menos un Concepto');
    c.Conceptos.forEach((k, i) => {
      const n = conceptoNode(i);
      pattern(n, 'ClaveProdServ', k.ClaveProdServ, /^[0-9]{8}$/, CLAVE_PROD_SERV);
      text(n, 'NoIdentificacion', k.NoIdentificacion, 100, false);
      pattern(n, 'Cantidad', k.Cantidad, CANTIDAD, POSITIVE);
      text(n, 'Unidad', k.Unidad, 20, false);
      text(n, 'Descripcion', k.Descripcion, 1000);
      importe(n, 'ValorUnitario', k.ValorUnitario);
      importe(n, 'Importe', k.Importe);
      importe(n, 'Descuento', k.Descuento, false);
      for (const [list, items] of [['Traslados/Traslado', k.Impuestos?.Traslados ?? []], ['Retenciones/Retencion', k.Impuestos?.Retenciones ?? []]] as const) {
        items.forEach((t, j) => {
          const tn = `${n}/Impuestos/${list}[${j + 1}]`;
          pattern(tn, 'Base', t.Base, CANTIDAD_O_CERO, DECIMAL6);
          pattern(tn, 'TasaOCuota', t.TasaOCuota, TASA, DECIMAL6, false);
          importe(tn, 'Importe', t.Importe, false);
        });
      }
      const t = k.ACuentaTerceros;
      if (t) {
        pattern(`${n}/ACuentaTerceros`, 'RfcACuentaTerceros', t.RfcACuentaTerceros, RFC, NOT_RFC);
        text(`${n}/ACuentaTerceros`, 'NombreACuentaTerceros', t.NombreACuentaTerceros, 300);
        pattern(`${n}/ACuentaTerceros`, 'DomicilioFiscalACuentaTerceros', t.DomicilioFiscalACuentaTerceros, CP, NOT_CP);
      }
      const pedimentos = [...k.InformacionAduanera.map((a, j) => [`${n}/InformacionAduanera[${j + 1}]`, a.NumeroPedimento] as const)];
      k.CuentaPredial.forEach((p, j) => pattern(`${n}/CuentaPredial[${j + 1}]`, 'Numero', p.Numero, /^[0-9a-zA-Z]{1,150}$/, 'solo letras y dígitos, de 1 a 150 (sin guiones, espacios ni otros signos)'));
      k.Parte.forEach((p, j) => {
        const pn = `${n}/Parte[${j + 1}]`;
        pattern(pn, 'ClaveProdServ', p.ClaveProdServ, /^[0-9]{8}$/, CLAVE_PROD_SERV);
        pattern(pn, 'Cantidad', p.Cantidad, CANTIDAD, POSITIVE);
        text(pn, 'Descripcion', p.Descripcion, 1000);
        importe(pn, 'ValorUnitario', p.ValorUnitario, false);
        importe(pn, 'Importe', p.Importe, false);
        p.InformacionAduanera.forEach((a, m) => pedimentos.push([`${pn}/InformacionAduanera[${m + 1}]`, a.NumeroPedimento]));
      });
      for (const [node, v] of pedimentos) pattern(node, 'NumeroPedimento', v, PEDIMENTO, 'no es un número de pedimento: 15 dígitos escritos AA␣␣AD␣␣PPPP␣␣NNNNNNN (dos espacios entre grupos)');
    });
    const imp = c.Impuestos;
    if (imp) {
      importe('Impuestos', 'TotalImpuestosRetenidos', imp.TotalImpuestosRetenidos, false);
      importe('Impuestos', 'TotalImpuestosTrasladados', imp.TotalImpuestosTrasladados, false);
      imp.Retenciones.forEach((t, j) => importe(`Impuestos/Retenciones/Retencion[${j + 1}]`, 'Importe', t.Importe));
      imp.Traslados.forEach((t, j) => {
        importe(`Impuestos/Traslados/Traslado[${j + 1}]`, 'Base', t.Base);
        pattern(`Impuestos/Traslados/Traslado[${j + 1}]`, 'TasaOCuota', t.TasaOCuota, TASA, DECIMAL6, false);
        importe(`Impuestos/Traslados/Traslado[${j + 1}]`, 'Importe', t.Importe, false);
      });
    }
  },
});
