import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { buildViewModel, LEYENDA_REPRESENTACION } from './view-model.ts';
import { sampleComprobante, samplePrinted, fakeSeal } from './fixtures.ts';
import { emptyDatosImpresos } from '../cfdi/printed.ts';

const GOLDEN = new URL('./testdata/view-model.sample.json', import.meta.url);

describe('buildViewModel', () => {
  const input = () => ({ comprobante: sampleComprobante(), printed: samplePrinted(), branding: {} });

  test('matches the reviewed golden file', () => {
    const view = buildViewModel(input());
    // UPDATE_GOLDEN=1 rewrites the file; review the diff by hand before committing it.
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(GOLDEN, `${JSON.stringify(view, null, 2)}\n`);
    assert.deepEqual(view, JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });

  test('is pure: same input, same output, input untouched', () => {
    const i = input();
    const before = JSON.stringify(i);
    assert.deepEqual(buildViewModel(i), buildViewModel(input()));
    assert.equal(JSON.stringify(i), before);
  });

  test('QR URL, TFD cadena and amount in words (expected values written by hand)', () => {
    const v = buildViewModel(input());
    const sello = fakeSeal(7);
    assert.equal(v.qrUrl,
      'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=9FB6ED1A-5F37-4FEF-980A-7F8C83B51894' +
      `&re=EKU9003173C9&rr=URE180429TM6&tt=3184.75&fe=${sello.slice(-8)}`);
    assert.equal(v.timbre?.cadena,
      `||1.1|9FB6ED1A-5F37-4FEF-980A-7F8C83B51894|2024-03-15T10:21:02|SPR190613I52|${sello}|30001000000500003456||`);
    assert.equal(v.totalConLetra, 'TRES MIL CIENTO OCHENTA Y CUATRO PESOS 75/100 M.N.');
    assert.equal(v.leyendaRepresentacion, 'Este documento es una representación impresa de un CFDI');
    assert.equal(LEYENDA_REPRESENTACION, v.leyendaRepresentacion);
  });

  test('TFD cadena includes the PAC Leyenda when present', () => {
    const c = sampleComprobante();
    const tfd = c.Complemento!.TimbreFiscalDigital!;
    tfd.Leyenda = 'Leyenda del PAC';
    const v = buildViewModel({ comprobante: c, printed: emptyDatosImpresos(), branding: {} });
    assert.equal(v.timbre?.cadena,
      `||1.1|${tfd.UUID}|${tfd.FechaTimbrado}|${tfd.RfcProvCertif}|Leyenda del PAC|${tfd.SelloCFD}|${tfd.NoCertificadoSAT}||`);
    assert.equal(v.timbre?.leyenda, 'Leyenda del PAC');
  });

  test('client-written total in words wins; RFC with & is percent-encoded in the QR', () => {
    const c = sampleComprobante();
    c.Emisor.Rfc = 'H&E951128469';
    const v = buildViewModel({ comprobante: c, printed: { ...emptyDatosImpresos(), totalConLetra: 'SON TRES MIL' }, branding: {} });
    assert.equal(v.totalConLetra, 'SON TRES MIL');
    assert.match(v.qrUrl!, /&re=H%26E951128469&/);
  });

  test('unstamped: no timbre, no QR; InformacionGlobal and unknown codes are printed', () => {
    const c = sampleComprobante();
    delete c.Complemento;
    c.InformacionGlobal = { Periodicidad: '04', Meses: '03', Año: '2024' };
    c.Receptor.UsoCFDI = 'ZZZ';
    const v = buildViewModel({ comprobante: c, printed: emptyDatosImpresos(), branding: {} });
    assert.equal(v.timbre, undefined);
    assert.equal(v.qrUrl, undefined);
    assert.deepEqual(v.informacionGlobal, {
      periodicidad: { code: '04', description: 'Mensual', text: '04 - Mensual' },
      meses: { code: '03', description: 'Marzo', text: '03 - Marzo' },
      año: '2024',
    });
    assert.deepEqual(v.receptor.usoCFDI, { code: 'ZZZ', text: 'ZZZ' });
  });
});
