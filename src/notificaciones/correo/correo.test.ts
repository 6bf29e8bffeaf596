import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifySmtpFailure, RETRY_BY_CODE, retryableReply } from './smtp.ts';
import { checkTemplate, DEFAULT_BODY, DEFAULT_SUBJECT, oneLine, render, variables } from './plantillas.ts';
import { isAddress, partition, splitAddresses } from './direcciones.ts';
import type { CfdiRecord, Empresa } from '../../storage/store.ts';

test('SMTP failures: retried or final, row by row', () => {
  const rows: Array<[{ code?: string; responseCode?: number }, boolean]> = [
    [{ code: 'ECONNECTION' }, true], [{ code: 'ESOCKET' }, true], [{ code: 'ETIMEDOUT' }, true], [{ code: 'EDNS' }, true],
    [{ code: 'ETLS' }, true], [{ code: 'EAUTH', responseCode: 535 }, true], [{ code: 'EAUTH' }, true], [{ code: 'ENOAUTH' }, true],
    [{ code: 'EPROTOCOL' }, true], [{ code: 'ESTREAM' }, true], [{ code: 'ECONFIG' }, true], [{ code: 'ENOCONFIG' }, true],
    [{ code: 'EMESSAGE' }, false], [{ code: 'EENVELOPE' }, false],
    [{ code: 'EENVELOPE', responseCode: 550 }, false], [{ code: 'EENVELOPE', responseCode: 452 }, true],
    [{ code: 'EMESSAGE', responseCode: 421 }, true], [{ code: 'EMESSAGE', responseCode: 552 }, false], [{ responseCode: 554 }, false],
    [{ code: 'SOMETHING_NEW' }, true], [{}, true],
  ];
  for (const [f, retry] of rows) assert.equal(classifySmtpFailure({ ...f, message: 'x' }), retry, JSON.stringify(f));
  for (const code of [421, 450, 451, 452, 530, 534, 535]) assert.equal(retryableReply(code), true, String(code));
  for (const code of [500, 501, 550, 551, 552, 553, 554]) assert.equal(retryableReply(code), false, String(code));
  for (const code of Object.keys(RETRY_BY_CODE)) assert.ok(rows.some(([f]) => f.code === code && f.responseCode === undefined), `row for ${code}`);
});

const cfdi = { uuid: 'AB12CD34-0000-4000-8000-000000000001', serie: 'F', folio: '12', total: '1740.00', moneda: 'MXN', fecha: '2026-11-23T12:00:00',
  nombreReceptor: 'UNIVERSIDAD ROBOTICA ESPAÑOLA', rfcReceptor: 'URE180429TM6' } as CfdiRecord;
const empresa = { nombre: 'ESCUELA KEMPER URGATE', rfc: 'EKU9003173C9' } as Empresa;

test('templates: the CFDI\'s data filled in; unknown placeholders refused when saved', () => {
  const vars = variables(cfdi, empresa);
  assert.equal(render(DEFAULT_SUBJECT, vars), 'CFDI F-12 de ESCUELA KEMPER URGATE');
  assert.match(render(DEFAULT_BODY, vars), /por un total de 1740\.00 MXN\.\n\nFolio fiscal \(UUID\): AB12CD34-/);
  assert.equal(render('{{ serie }}{{folio}} {{total}} {{rfcReceptor}}', vars), 'F12 1740.00 URE180429TM6');
  assert.equal(variables({ ...cfdi, folio: undefined, serie: undefined }, empresa).serieFolio, cfdi.uuid);
  checkTemplate(DEFAULT_BODY, 'body');
  assert.throws(() => checkTemplate('Hola {{cliente}} {{uuid}} {{Total}}', 'subject'), /unknown placeholder\(s\) \{\{cliente\}\}, \{\{Total\}\}/);
  assert.equal(oneLine('Factura\r\nBcc: x@y.z\u2028más'), 'Factura Bcc: x@y.z más');
});

test('addresses: split on ; or , and checked; duplicates once; bad ones apart', () => {
  assert.deepEqual(splitAddresses(' a@x.mx ; b@y.mx,, c@z.mx '), ['a@x.mx', 'b@y.mx', 'c@z.mx']);
  assert.deepEqual(partition(['a@x.mx', 'A@X.MX', 'no-arroba', 'b@y', 'ñandú@correo.mx', 'x@y.mx\r\nBcc: z@w.mx', 'a b@x.mx']), {
    valid: ['a@x.mx', 'ñandú@correo.mx'],
    invalid: ['no-arroba', 'b@y', 'x@y.mx\r\nBcc: z@w.mx', 'a b@x.mx'],
  });
  assert.equal(isAddress(`${'a'.repeat(250)}@x.mx`), false);
});
