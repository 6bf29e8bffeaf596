import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTestCsd } from '../sealing/test-csd.ts';
import { loadCsd } from '../sealing/csd.ts';
import { verificarEnveloped } from '../sealing/xmldsig.ts';
import { cancelacionXml, firmarCancelacion } from './solicitud.ts';
import { hasXmlsec1, xmlsecVerify } from './testing/xmlsec.ts';
import { skipOrFail } from '../../test/conformance/oracle.ts';

const RFC = 'EKU9003173C9';
const pair = await generateTestCsd({ rfc: RFC, nombre: 'ESCUELA KEMPER URGATE', password: '12345678a' });
const csd = loadCsd({ ...pair, password: '12345678a' });

const request = {
  rfcEmisor: RFC,
  fecha: '2026-12-01T10:11:12',
  folios: [
    { uuid: '8B12F89B-12BF-4C3B-8AB0-4073EB2950D9', motivo: '01', folioSustitucion: '11111111-2222-3333-4444-000000000001' },
  ],
};

test('the unsigned Cancelacion has the SAT namespace, attributes and one Folios per Folio, in canonical form', () => {
  assert.equal(
    cancelacionXml({ ...request, folios: [...request.folios, { uuid: '22222222-2222-3333-4444-000000000002', motivo: '02' }] }),
    '<Cancelacion xmlns="http://cancelacfd.sat.gob.mx" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Fecha="2026-12-01T10:11:12" RfcEmisor="EKU9003173C9">'
    + '<Folios><Folio FolioSustitucion="11111111-2222-3333-4444-000000000001" Motivo="01" UUID="8B12F89B-12BF-4C3B-8AB0-4073EB2950D9"></Folio></Folios>'
    + '<Folios><Folio Motivo="02" UUID="22222222-2222-3333-4444-000000000002"></Folio></Folios></Cancelacion>',
  );
});

test('the signed request carries the certificate and never the private key', () => {
  const xml = firmarCancelacion(request, csd);
  assert.match(xml, /<SignatureMethod Algorithm="http:\/\/www.w3.org\/2000\/09\/xmldsig#rsa-sha1">/);
  assert.match(xml, /<Transform Algorithm="http:\/\/www.w3.org\/2000\/09\/xmldsig#enveloped-signature">/);
  assert.ok(xml.includes(`<X509Certificate>${csd.cer.toString('base64')}</X509Certificate>`));
  const pkcs8 = csd.privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64');
  assert.ok(!xml.includes(pkcs8.slice(40, 120)), 'no part of the private key in the request');
  assert.ok(!xml.includes(pair.key.toString('base64').slice(40, 120)), 'nor of the encrypted .key');
  assert.deepEqual(verificarEnveloped(xml), { ok: true, cer: csd.cer });
});

test('xmlsec1 --verify accepts the signed request and refuses a tampered one', (t) => {
  if (!hasXmlsec1()) return skipOrFail(t, 'xmlsec1 is not installed (Debian package xmlsec1)');
  const xml = firmarCancelacion(request, csd);
  const good = xmlsecVerify(xml);
  assert.ok(good.ok, good.output);
  // RfcEmisor with & and Ñ: escaping and UTF-8 must match what was digested.
  const odd = firmarCancelacion({ ...request, rfcEmisor: 'Ñ&A010101AAA' }, csd);
  assert.ok(xmlsecVerify(odd).ok, xmlsecVerify(odd).output);
  const tampered = xml.replace('Motivo="01"', 'Motivo="03"');
  assert.equal(xmlsecVerify(tampered).ok, false);
  assert.equal(verificarEnveloped(tampered).ok, false);
  const otherSignature = xml.replace(/<SignatureValue>[A-Za-z0-9+/]{10}/, '<SignatureValue>AAAAAAAAAA');
  assert.equal(xmlsecVerify(otherSignature).ok, false);
  assert.equal(verificarEnveloped(otherSignature).ok, false);
});
