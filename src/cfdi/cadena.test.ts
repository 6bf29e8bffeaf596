import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cadenaOriginal, cadenaTfd, normalizeSpace, UnsupportedComplementError } from './cadena.ts';
import type { Comprobante } from './model.ts';

function base(): Comprobante {
  return {
    Version: '4.0',
    Fecha: '2025-01-01T00:00:00',
    NoCertificado: '30001000000500003416',
    SubTotal: '1',
    Moneda: 'MXN',
    Total: '1',
    TipoDeComprobante: 'I',
    Exportacion: '01',
    LugarExpedicion: '42501',
    CfdiRelacionados: [],
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'E', RegimenFiscal: '601' },
    Receptor: { Rfc: 'XAXX010101000', Nombre: 'R', DomicilioFiscalReceptor: '42501', RegimenFiscalReceptor: '616', UsoCFDI: 'S01' },
    Conceptos: [{ ClaveProdServ: '01010101', Cantidad: '1', ClaveUnidad: 'ACT', Descripcion: 'Venta', ValorUnitario: '1', Importe: '1', ObjetoImp: '01', InformacionAduanera: [], CuentaPredial: [], Parte: [] }],
  };
}

describe('cadena original', () => {
  test('normalize-space: only space, TAB, CR, LF; never NBSP', () => {
    assert.equal(normalizeSpace('  a \t\r\n b  '), 'a b');
    assert.equal(normalizeSpace('\u00a0a\u00a0'), '\u00a0a\u00a0');
    assert.equal(normalizeSpace('a\u2003 b'), 'a\u2003 b');
    assert.equal(normalizeSpace('ñandú'), 'ñandú');
  });

  test('absent optional attributes are skipped, required ones always present', () => {
    assert.equal(
      cadenaOriginal(base()),
      '||4.0|2025-01-01T00:00:00|30001000000500003416|1|MXN|1|I|01|42501|EKU9003173C9|E|601|XAXX010101000|R|42501|616|S01|01010101|1|ACT|Venta|1|1|01||',
    );
  });

  test('an empty optional attribute still writes its separator (XPath node-set test)', () => {
    const c = { ...base(), Serie: '' };
    assert.ok(cadenaOriginal(c).startsWith('||4.0||2025-01-01T00:00:00|'));
  });

  test('values as written, whitespace normalised', () => {
    const c = base();
    c.Conceptos[0].Descripcion = '  Café \n con   leche ';
    assert.match(cadenaOriginal(c), /\|Café con leche\|/);
  });

  test('a SAT complement without our template is refused, not signed wrong', () => {
    const c = { ...base(), Complemento: { otros: [{ name: 'implocal:ImpuestosLocales', ns: 'http://www.sat.gob.mx/implocal', attrs: [], children: [] }] } };
    assert.throws(() => cadenaOriginal(c), UnsupportedComplementError);
  });

  test('TFD cadena with and without Leyenda', () => {
    const t = { Version: '1.1' as const, UUID: 'U', FechaTimbrado: 'F', RfcProvCertif: 'R', SelloCFD: 'S', NoCertificadoSAT: 'N', SelloSAT: 'X' };
    assert.equal(cadenaTfd(t), '||1.1|U|F|R|S|N||');
    assert.equal(cadenaTfd({ ...t, Leyenda: ' L  l ' }), '||1.1|U|F|R|L l|S|N||');
  });
});
