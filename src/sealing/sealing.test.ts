import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verify, X509Certificate } from 'node:crypto';
import { checkCsdFor, loadCsd, type Csd } from './csd.ts';
import { sealComprobante, verifySello } from './seal.ts';
import { generateTestCsd } from './test-csd.ts';
import { readSatCertificate, isFiel } from './certificate.ts';
import { AppError } from '../shared/errors.ts';
import { cadenaOriginal } from '../cfdi/cadena.ts';
import type { Comprobante } from '../cfdi/model.ts';

const FROM = new Date('2025-01-01T00:00:00Z');
const TO = new Date('2029-01-01T00:00:00Z');
const ident = { rfc: 'EKU9003173C9', nombre: 'ESCUELA KEMPER URGATE', password: '12345678a', validFrom: FROM, validTo: TO, serial: '30001000000500003416' };

function code(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof AppError, String(e));
    return e.code;
  }
  return 'no error';
}

let csdFiles: { cer: Buffer; key: Buffer };
let other: { cer: Buffer; key: Buffer };
let fiel: { cer: Buffer; key: Buffer };
before(async () => {
  [csdFiles, other, fiel] = await Promise.all([
    generateTestCsd(ident),
    generateTestCsd({ ...ident, serial: '30001000000500009999' }),
    generateTestCsd({ ...ident, fiel: true, serial: '00001000000500001234' }),
  ]);
});

describe('test CSD generation', () => {
  test('SAT-shaped certificate', () => {
    const info = readSatCertificate(csdFiles.cer);
    assert.equal(info.serialHex, Buffer.from('30001000000500003416', 'latin1').toString('hex').toUpperCase());
    assert.equal(info.noCertificado, '30001000000500003416');
    assert.equal(info.rfc, 'EKU9003173C9');
    assert.equal(info.nombre, 'ESCUELA KEMPER URGATE');
    assert.equal(info.ou, 'Sucursal 1');
    assert.deepEqual([...(info.keyUsage ?? [])].sort(), ['digitalSignature', 'nonRepudiation']);
    assert.equal(isFiel(info), false);
    // node agrees on the serial and dates
    const x = new X509Certificate(csdFiles.cer);
    assert.equal(x.serialNumber.toUpperCase(), info.serialHex);
    assert.equal(new Date(x.validFrom).getTime(), FROM.getTime());
    assert.equal(new Date(x.validTo).getTime(), TO.getTime());
    assert.equal(isFiel(readSatCertificate(fiel.cer)), true);
  });

  test('the .key is an encrypted PKCS#8 DER (PBES2) that needs the password', () => {
    assert.equal(csdFiles.key[0], 0x30);
    assert.ok(csdFiles.key.includes(Buffer.from('2a864886f70d01050d', 'hex'))); // OID PBES2
  });
});

describe('loadCsd', () => {
  test('loads a matching pair', () => {
    const c = loadCsd({ ...csdFiles, password: '12345678a' });
    assert.equal(c.rfc, 'EKU9003173C9');
    assert.equal(c.noCertificado, '30001000000500003416');
    assert.equal(c.certificadoBase64, csdFiles.cer.toString('base64'));
    assert.equal(c.validTo.getTime(), TO.getTime());
  });
  test('PEM input is accepted too', () => {
    const pem = (label: string, der: Buffer) => Buffer.from(`-----BEGIN ${label}-----\n${der.toString('base64').replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`);
    const c = loadCsd({ cer: pem('CERTIFICATE', csdFiles.cer), key: pem('ENCRYPTED PRIVATE KEY', csdFiles.key), password: '12345678a' });
    assert.equal(c.noCertificado, '30001000000500003416');
    assert.deepEqual(c.cer, csdFiles.cer);
  });
  test('wrong password → CSD_PASSWORD', () => {
    assert.equal(code(() => loadCsd({ ...csdFiles, password: 'nope' })), 'CSD_PASSWORD');
  });
  test('key of another certificate → CSD_NO_PAR', () => {
    assert.equal(code(() => loadCsd({ cer: csdFiles.cer, key: other.key, password: '12345678a' })), 'CSD_NO_PAR');
  });
  test('FIEL → CSD_FIEL', () => {
    assert.equal(code(() => loadCsd({ ...fiel, password: '12345678a' })), 'CSD_FIEL');
  });
  test('garbage → CSD_FORMATO', () => {
    assert.equal(code(() => loadCsd({ cer: Buffer.from('hello'), key: csdFiles.key, password: 'x' })), 'CSD_FORMATO');
    assert.equal(code(() => loadCsd({ cer: csdFiles.cer, key: Buffer.from('hello'), password: 'x' })), 'CSD_FORMATO');
  });
  test('RFC and validity checks', () => {
    const c = loadCsd({ ...csdFiles, password: '12345678a' });
    checkCsdFor(c, { rfc: 'eku9003173c9', fecha: new Date('2026-01-01T00:00:00Z') });
    assert.equal(code(() => checkCsdFor(c, { rfc: 'IIA040805DZ4', fecha: new Date('2026-01-01T00:00:00Z') })), 'CSD_RFC');
    assert.equal(code(() => checkCsdFor(c, { rfc: 'EKU9003173C9', fecha: new Date('2024-12-31T23:59:59Z') })), 'CSD_VIGENCIA');
    assert.equal(code(() => checkCsdFor(c, { rfc: 'EKU9003173C9', fecha: new Date('2029-01-01T00:00:01Z') })), 'CSD_VIGENCIA');
  });
});

describe('sealComprobante', () => {
  let csd: Csd;
  before(() => {
    csd = loadCsd({ ...csdFiles, password: '12345678a' });
  });
  const c: Comprobante = {
    Version: '4.0', Fecha: '2025-06-01T10:00:00', SubTotal: '1.00', Moneda: 'MXN', Total: '1.00', TipoDeComprobante: 'I', Exportacion: '01', LugarExpedicion: '42501',
    CfdiRelacionados: [],
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    Receptor: { Rfc: 'XAXX010101000', Nombre: 'PUBLICO EN GENERAL', DomicilioFiscalReceptor: '42501', RegimenFiscalReceptor: '616', UsoCFDI: 'S01' },
    Conceptos: [{ ClaveProdServ: '01010101', Cantidad: '1', ClaveUnidad: 'ACT', Descripcion: 'Venta ñ', ValorUnitario: '1.00', Importe: '1.00', ObjetoImp: '01', InformacionAduanera: [], CuentaPredial: [], Parte: [] }],
  };
  test('sets NoCertificado/Certificado and a Sello that verifies over the cadena including NoCertificado', () => {
    const s = sealComprobante(c, csd);
    assert.equal(c.Sello, undefined, 'input not mutated');
    assert.equal(s.NoCertificado, '30001000000500003416');
    assert.equal(s.Certificado, csdFiles.cer.toString('base64'));
    const cadena = cadenaOriginal(s);
    assert.ok(cadena.includes('|30001000000500003416|'));
    const pub = new X509Certificate(csdFiles.cer).publicKey;
    assert.ok(verify('sha256', Buffer.from(cadena, 'utf8'), pub, Buffer.from(s.Sello!, 'base64')));
    assert.ok(verifySello(s));
    assert.ok(!verifySello({ ...s, Total: '2.00' }));
  });
});
