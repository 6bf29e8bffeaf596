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
import { charLength, sliceChars } from '../../shared/text.ts';

const IMPORTE = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;
const CANTIDAD = /^(?=.*[1-9])[0-9]{1,18}(\.[0-9]{1,6})?$/;
const CANTIDAD_O_CERO = IMPORTE;
const TASA = IMPORTE;
const FECHA = /^(20[1-9][0-9])-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]$/;
const CP = /^[0-9]{5}$/;
const RFC = /^[A-Z&Ñ]{3,4}[0-9]{2}(0[1-9]|1[012])(0[1-9]|[12][0-9]|3[01])[A-Z0-9]{2}[0-9A]$/;
const UUID = /^[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$/;
const PEDIMENTO = /^[0-9]{2} {2}[0-9]{2} {2}[0-9]{4} {2}[0-9]{7}$/;

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
    const bad = (node: string, attribute: string, value: string | undefined, detail: string) => r.error({ node, attribute, value, detail });
    const text = (node: string, attribute: string, v: string | undefined, max: number, required = true) => {
      if (v === undefined || v === '') return required ? bad(node, attribute, v, 'required') : undefined;
      if (charLength(v) > max) bad(node, attribute, `${sliceChars(v, 30)}…`, `longer than ${max} characters`);
      else if (v.includes('|')) bad(node, attribute, v, 'contains "|"');
    };
    const importe = (node: string, attribute: string, v: string | undefined, required = true) => {
      if (v === undefined) return required ? bad(node, attribute, v, 'required') : undefined;
      if (!IMPORTE.test(v)) bad(node, attribute, v, 'not a t_Importe (up to 18 digits and 6 decimals)');
    };
    const pattern = (node: string, attribute: string, v: string | undefined, re: RegExp, what: string, required = true) => {
      if (v === undefined) return required ? bad(node, attribute, v, 'required') : undefined;
      if (!re.test(v)) bad(node, attribute, v, what);
    };

    if (c.Version !== '4.0') bad('Comprobante', 'Version', c.Version, 'must be 4.0');
    pattern('Comprobante', 'Fecha', c.Fecha, FECHA, 'not AAAA-MM-DDThh:mm:ss');
    if (FECHA.test(c.Fecha) && !validDate(c.Fecha)) bad('Comprobante', 'Fecha', c.Fecha, 'not a calendar date');
    text('Comprobante', 'Serie', c.Serie, 25, false);
    text('Comprobante', 'Folio', c.Folio, 40, false);
    pattern('Comprobante', 'NoCertificado', c.NoCertificado, /^[0-9]{20}$/, '20 digits', false);
    text('Comprobante', 'CondicionesDePago', c.CondicionesDePago, 1000, false);
    importe('Comprobante', 'SubTotal', c.SubTotal);
    importe('Comprobante', 'Descuento', c.Descuento, false);
    importe('Comprobante', 'Total', c.Total);
    pattern('Comprobante', 'LugarExpedicion', c.LugarExpedicion, CP, '5 digits');
    pattern('Comprobante', 'Confirmacion', c.Confirmacion, /^[0-9a-zA-Z]{5}$/, '5 alphanumerics', false);
    if (c.InformacionGlobal) pattern('InformacionGlobal', 'Año', c.InformacionGlobal.Año, /^20(19|[2-9][0-9])$/, 'a year from 2019', true);
    c.CfdiRelacionados.forEach((n, i) => {
      if (n.CfdiRelacionado.length === 0) bad(`CfdiRelacionados[${i + 1}]`, 'CfdiRelacionado', undefined, 'at least one CfdiRelacionado');
      n.CfdiRelacionado.forEach((u, j) => pattern(`CfdiRelacionados[${i + 1}]/CfdiRelacionado[${j + 1}]`, 'UUID', u.UUID, UUID, 'not a UUID'));
    });
    pattern('Emisor', 'Rfc', c.Emisor.Rfc, RFC, 'not an RFC');
    text('Emisor', 'Nombre', c.Emisor.Nombre, 300);
    pattern('Emisor', 'FacAtrAdquirente', c.Emisor.FacAtrAdquirente, /^[0-9]{10}$/, '10 digits', false);
    pattern('Receptor', 'Rfc', c.Receptor.Rfc, RFC, 'not an RFC');
    text('Receptor', 'Nombre', c.Receptor.Nombre, 300);
    pattern('Receptor', 'DomicilioFiscalReceptor', c.Receptor.DomicilioFiscalReceptor, CP, '5 digits');
    text('Receptor', 'NumRegIdTrib', c.Receptor.NumRegIdTrib, 40, false);
    if (c.Conceptos.length === 0) bad('Conceptos', 'Concepto', undefined, 'at least one Concepto');
    c.Conceptos.forEach((k, i) => {
      const n = conceptoNode(i);
      pattern(n, 'ClaveProdServ', k.ClaveProdServ, /^[0-9]{8}$/, '8 digits');
      text(n, 'NoIdentificacion', k.NoIdentificacion, 100, false);
      pattern(n, 'Cantidad', k.Cantidad, CANTIDAD, 'a positive decimal with up to 6 decimals');
      text(n, 'Unidad', k.Unidad, 20, false);
      text(n, 'Descripcion', k.Descripcion, 1000);
      importe(n, 'ValorUnitario', k.ValorUnitario);
      importe(n, 'Importe', k.Importe);
      importe(n, 'Descuento', k.Descuento, false);
      for (const [list, items] of [['Traslados/Traslado', k.Impuestos?.Traslados ?? []], ['Retenciones/Retencion', k.Impuestos?.Retenciones ?? []]] as const) {
        items.forEach((t, j) => {
          const tn = `${n}/Impuestos/${list}[${j + 1}]`;
          pattern(tn, 'Base', t.Base, CANTIDAD_O_CERO, 'a decimal with up to 6 decimals');
          pattern(tn, 'TasaOCuota', t.TasaOCuota, TASA, 'a decimal with up to 6 decimals', false);
          importe(tn, 'Importe', t.Importe, false);
        });
      }
      const t = k.ACuentaTerceros;
      if (t) {
        pattern(`${n}/ACuentaTerceros`, 'RfcACuentaTerceros', t.RfcACuentaTerceros, RFC, 'not an RFC');
        text(`${n}/ACuentaTerceros`, 'NombreACuentaTerceros', t.NombreACuentaTerceros, 300);
        pattern(`${n}/ACuentaTerceros`, 'DomicilioFiscalACuentaTerceros', t.DomicilioFiscalACuentaTerceros, CP, '5 digits');
      }
      const pedimentos = [...k.InformacionAduanera.map((a, j) => [`${n}/InformacionAduanera[${j + 1}]`, a.NumeroPedimento] as const)];
      k.CuentaPredial.forEach((p, j) => pattern(`${n}/CuentaPredial[${j + 1}]`, 'Numero', p.Numero, /^[0-9a-zA-Z]{1,150}$/, '1–150 alphanumerics'));
      k.Parte.forEach((p, j) => {
        const pn = `${n}/Parte[${j + 1}]`;
        pattern(pn, 'ClaveProdServ', p.ClaveProdServ, /^[0-9]{8}$/, '8 digits');
        pattern(pn, 'Cantidad', p.Cantidad, CANTIDAD, 'a positive decimal with up to 6 decimals');
        text(pn, 'Descripcion', p.Descripcion, 1000);
        importe(pn, 'ValorUnitario', p.ValorUnitario, false);
        importe(pn, 'Importe', p.Importe, false);
        p.InformacionAduanera.forEach((a, m) => pedimentos.push([`${pn}/InformacionAduanera[${m + 1}]`, a.NumeroPedimento]));
      });
      for (const [node, v] of pedimentos) pattern(node, 'NumeroPedimento', v, PEDIMENTO, 'AA␣␣AD␣␣PPPP␣␣NNNNNNN');
    });
    const imp = c.Impuestos;
    if (imp) {
      importe('Impuestos', 'TotalImpuestosRetenidos', imp.TotalImpuestosRetenidos, false);
      importe('Impuestos', 'TotalImpuestosTrasladados', imp.TotalImpuestosTrasladados, false);
      imp.Retenciones.forEach((t, j) => importe(`Impuestos/Retenciones/Retencion[${j + 1}]`, 'Importe', t.Importe));
      imp.Traslados.forEach((t, j) => {
        importe(`Impuestos/Traslados/Traslado[${j + 1}]`, 'Base', t.Base);
        pattern(`Impuestos/Traslados/Traslado[${j + 1}]`, 'TasaOCuota', t.TasaOCuota, TASA, 'a decimal with up to 6 decimals', false);
        importe(`Impuestos/Traslados/Traslado[${j + 1}]`, 'Importe', t.Importe, false);
      });
    }
  },
});
