import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { LayoutError, ParseResult } from '../connector.ts';
import type { ComprobanteDraft } from '../../cfdi/draft.ts';
import { xsaConnector } from './index.ts';
import { jsonConnector } from '../json/index.ts';
import { legacyFacturaDefaults } from './defaults.ts';
import { testContext } from '../testing.ts';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
const ctx = () => testContext({ defaults: legacyFacturaDefaults });

async function draftOf(text: string): Promise<ComprobanteDraft> {
  const r: ParseResult = await xsaConnector.parse(text, ctx());
  if (!r.ok) assert.fail(r.errors.map((e) => e.message).join('\n'));
  return r.draft;
}
async function errorsOf(text: string): Promise<LayoutError[]> {
  const r = await xsaConnector.parse(text, ctx());
  if (r.ok) assert.fail('expected errors, got a draft');
  return r.errors;
}

const HEAD = ['00|c-1|PAG|4.0|', '01|c-1|', '03|URE180429TM6|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA||||||||||86991||||601|'];
const PAGO = 'compPagos|P1|2.0|20261120T10:00:00|03|MXN||100.00|OP-1|RFC1|BANCO|CTA1|RFC2|CTA2|01|CERT|CAD|SELLO|';
const DOCTO = 'comPagosDoctoRel|P1|7d1c3a52-0e4b-4f7a-9c61-2b8e5f3a9d10|F|9|MXN|1|2|300.00|100.00|200.00|02|G1|';
const doc = (...lines: string[]) => [...HEAD, ...lines].join('\n');

describe('xsa: Pagos 2.0 records', () => {
  test('every field of compPagos and comPagosDoctoRel lands where the spec says; tipo P, XXX, CP01 and the fixed concept', async () => {
    const d = await draftOf(doc(PAGO, DOCTO, 'comPagosImpTrasladosDR|G1|86.21|IVA|Tasa|16|13.79|', 'comPagosImpRetencionesDR|G1|86.21|ISR|Tasa|10|8.62|',
      'comPagosImpTrasladosP|P1|86.21|IVA|Tasa|0.16|13.79|', 'comPagosImpRetencionesP|P1|ISR|8.62|', 'compTotales|1.00|2.00|3.00|4.00|5.00|6.00|7.00|8.00|9.00|10.00|11.00|'));
    assert.equal(d.TipoDeComprobante, 'P');
    assert.equal(d.Moneda, 'XXX');
    assert.equal(d.Exportacion, '01');
    assert.equal(d.Receptor.UsoCFDI, 'CP01');
    assert.deepEqual(d.Conceptos.map((c) => [c.ClaveProdServ, c.Cantidad, c.ClaveUnidad, c.Descripcion, c.ValorUnitario, c.Importe, c.ObjetoImp]), [['84111506', '1', 'ACT', 'Pago', '0', '0', '01']]);
    assert.equal(d.FormaPago, undefined);
    assert.equal(d.MetodoPago, undefined);
    const p = d.Pagos!.Pago[0];
    assert.deepEqual({ ...p, DoctoRelacionado: undefined, ImpuestosP: undefined }, {
      FechaPago: '2026-11-20T10:00:00', FormaDePagoP: '03', MonedaP: 'MXN', Monto: '100.00', NumOperacion: 'OP-1', RfcEmisorCtaOrd: 'RFC1', NomBancoOrdExt: 'BANCO',
      CtaOrdenante: 'CTA1', RfcEmisorCtaBen: 'RFC2', CtaBeneficiario: 'CTA2', TipoCadPago: '01', CertPago: 'CERT', CadPago: 'CAD', SelloPago: 'SELLO', DoctoRelacionado: undefined, ImpuestosP: undefined,
    });
    assert.deepEqual(p.DoctoRelacionado, [{
      IdDocumento: '7D1C3A52-0E4B-4F7A-9C61-2B8E5F3A9D10', Serie: 'F', Folio: '9', MonedaDR: 'MXN', EquivalenciaDR: '1', NumParcialidad: '2', ImpSaldoAnt: '300.00', ImpPagado: '100.00',
      ImpSaldoInsoluto: '200.00', ObjetoImpDR: '02',
      ImpuestosDR: {
        TrasladosDR: [{ BaseDR: '86.21', ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000', ImporteDR: '13.79' }],
        RetencionesDR: [{ BaseDR: '86.21', ImpuestoDR: '001', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.100000', ImporteDR: '8.62' }],
      },
    }]);
    assert.deepEqual(p.ImpuestosP, { TrasladosP: [{ BaseP: '86.21', ImpuestoP: '002', TipoFactorP: 'Tasa', TasaOCuotaP: '0.160000', ImporteP: '13.79' }], RetencionesP: [{ ImpuestoP: '001', ImporteP: '8.62' }] });
    assert.deepEqual(d.Pagos!.Totales, {
      TotalRetencionesIVA: '1.00', TotalRetencionesISR: '2.00', TotalRetencionesIEPS: '3.00', TotalTrasladosBaseIVA16: '4.00', TotalTrasladosImpuestoIVA16: '5.00', TotalTrasladosBaseIVA8: '6.00',
      TotalTrasladosImpuestoIVA8: '7.00', TotalTrasladosBaseIVA0: '8.00', TotalTrasladosImpuestoIVA0: '9.00', TotalTrasladosBaseIVAExento: '10.00', MontoTotalPagos: '11.00',
    });
  });

  test('record IDs in any case; records in any order', async () => {
    const d = await draftOf(doc(DOCTO.replace('comPagosDoctoRel', 'COMPAGOSDOCTOREL'), 'comPagosImpTrasladosDR|G1||IVA|Tasa|16||', PAGO.replace('compPagos', 'comppagos')));
    assert.equal(d.Pagos!.Pago[0].DoctoRelacionado.length, 1);
  });

  const cases: Array<[string, string[], string, string]> = [
    ['a docto naming no pago', [PAGO, DOCTO.replace('|P1|', '|P9|'), 'comPagosImpTrasladosDR|G1||IVA|Tasa|16||'], 'LAYOUT_CLAVE_HUERFANA', 'Línea 5 (COMPAGOSDOCTOREL), campo 1 IdPago: "P9" no es la clave de ningún pago'],
    ['a docto naming no tax group', [PAGO, DOCTO], 'LAYOUT_CLAVE_HUERFANA', 'Línea 5 (COMPAGOSDOCTOREL), campo 12 IdGrupoImpuestos: "G1" no es la clave'],
    ['a tax group no docto uses', [PAGO, DOCTO.replace('|G1|', '||'), 'comPagosImpTrasladosDR|G9||IVA|Tasa|16||'], 'LAYOUT_CLAVE_HUERFANA', 'Línea 6 (COMPAGOSIMPTRASLADOSDR), campo 1 IdGrupoImpuestos: "G9" ningún documento'],
    ['a pago without documents', [PAGO], 'LAYOUT_PAGO_SIN_DOCUMENTOS', 'Línea 4 (COMPPAGOS), campo 1 IdPago: "P1" el pago no tiene documentos'],
    ['a repeated pago id', [PAGO, PAGO, DOCTO.replace('|G1|', '||')], 'LAYOUT_CLAVE_DUPLICADA', 'Línea 5 (COMPPAGOS), campo 1 IdPago: "P1" ya es la clave del pago de la línea 4'],
    ['version other than 2.0', [PAGO.replace('|2.0|', '|1.0|'), DOCTO.replace('|G1|', '||')], 'LAYOUT_VALOR', 'Línea 4 (COMPPAGOS), campo 2 Version: "1.0" debe ser 2.0'],
    ['a bad UUID', [PAGO, DOCTO.replace('7d1c3a52', 'zz').replace('|G1|', '||')], 'LAYOUT_VALOR', 'Línea 5 (COMPAGOSDOCTOREL), campo 2 IdDocumento'],
    ['FechaPago missing', [PAGO.replace('20261120T10:00:00', ''), DOCTO.replace('|G1|', '||')], 'LAYOUT_REQUERIDO', 'Línea 4 (COMPPAGOS), campo 3 FechaPago: es obligatorio'],
    ['Tasa without rate', [PAGO, DOCTO, 'comPagosImpTrasladosDR|G1||IVA|Tasa|||'], 'LAYOUT_REQUERIDO', 'Línea 6 (COMPAGOSIMPTRASLADOSDR), campo 5 TasaOCuotaDR'],
    ['totales twice', [PAGO, DOCTO.replace('|G1|', '||'), 'compTotales||||||||||||', 'compTotales||||||||||||'], 'LAYOUT_ORDEN', 'Línea 7 (COMPTOTALES)'],
  ];
  for (const [name, lines, code, message] of cases) {
    test(`error: ${name}`, async () => {
      const errors = await errorsOf(doc(...lines));
      const e = errors.find((x) => x.code === code);
      assert.ok(e, `${code} not in ${JSON.stringify(errors)}`);
      assert.ok(e.message.startsWith(message), e.message);
    });
  }

  test('without any Pagos record a document still needs its 05', async () => {
    const errors = await errorsOf(HEAD.join('\n'));
    assert.ok(errors.some((e) => e.code === 'LAYOUT_FALTA_05'));
  });

  test('the JSON connector gives the same complement as the records', async () => {
    const json = {
      Receptor: { Rfc: 'URE180429TM6', Nombre: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', DomicilioFiscalReceptor: '86991', RegimenFiscalReceptor: '601' },
      Pagos: { Pago: [{ FechaPago: '2026-11-20T10:00:00', FormaDePagoP: '03', MonedaP: 'MXN', Monto: '100.00', DoctoRelacionado: [
        { IdDocumento: '7D1C3A52-0E4B-4F7A-9C61-2B8E5F3A9D10', NumParcialidad: '2', ImpSaldoAnt: '300.00', ImpPagado: '100.00', ImpuestosDR: { TrasladosDR: [{ ImpuestoDR: 'IVA', TasaOCuotaDR: '16' }] } },
      ] }] },
    };
    const rj = await jsonConnector.parse(JSON.stringify(json), ctx());
    if (!rj.ok) assert.fail(rj.errors.map((e) => e.message).join('\n'));
    const dx = await draftOf(doc('compPagos|1||2026-11-20T10:00:00|03|MXN||100.00|', 'comPagosDoctoRel|1|7D1C3A52-0E4B-4F7A-9C61-2B8E5F3A9D10|||||2|300.00|100.00|||G|', 'comPagosImpTrasladosDR|G||IVA|Tasa|16||'));
    assert.deepEqual(rj.draft.Pagos, dx.Pagos);
    assert.deepEqual(rj.draft.Conceptos, dx.Conceptos);
    assert.equal(rj.draft.TipoDeComprobante, 'P');
  });

  test('examples parse', async () => {
    for (const f of ['pago-una-factura.txt', 'pago-usd-equivalencia.txt', 'pago-retenciones.txt']) assert.ok((await draftOf(readFileSync(examples + f, 'utf8'))).Pagos, f);
  });
});
