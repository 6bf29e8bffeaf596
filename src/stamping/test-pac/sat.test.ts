/**
 * The test PAC's simulated SAT: what it checks in the signed request and which SAT code
 * it answers, the receptor's answer and the 72-hour term, the status service.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateTestCsd } from '../../sealing/test-csd.ts';
import { loadCsd } from '../../sealing/csd.ts';
import { firmarCancelacion } from '../../cancelacion/solicitud.ts';
import type { CfdiCancelable, DocumentoRelacionado } from '../../rules/cancelacion/types.ts';
import { verificarEnveloped } from '../../sealing/xmldsig.ts';
import { generateTestPacCredentials } from './index.ts';
import { createSatSimulado, PLAZO_RECEPTOR_MS } from './sat.ts';

const RFC = 'EKU9003173C9';
const pac = await generateTestPacCredentials();
const pair = await generateTestCsd({ rfc: RFC, nombre: 'ESCUELA KEMPER URGATE', password: 'x' });
const csd = loadCsd({ ...pair, password: 'x' });
const otro = loadCsd({ ...(await generateTestCsd({ rfc: 'AAA010101AAA', nombre: 'OTRA', password: 'x' })), password: 'x' });

const U = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
// Known CFDIs: 1 big (needs acceptance), 2 small (no acceptance), 3 big with a live payment relating it, 4 replacement.
const cfdis = new Map<string, CfdiCancelable>([
  [U(1), { uuid: U(1), rfcEmisor: RFC, rfcReceptor: 'URE180429TM6', tipoDeComprobante: 'I', total: '5000.00', moneda: 'MXN', fechaTimbrado: '2026-11-02T10:00:00' }],
  [U(2), { uuid: U(2), rfcEmisor: RFC, rfcReceptor: 'URE180429TM6', tipoDeComprobante: 'I', total: '116.00', moneda: 'MXN', fechaTimbrado: '2026-11-02T10:00:00' }],
  [U(3), { uuid: U(3), rfcEmisor: RFC, rfcReceptor: 'URE180429TM6', tipoDeComprobante: 'I', total: '5000.00', moneda: 'MXN', fechaTimbrado: '2026-11-02T10:00:00' }],
]);
const vivos: Record<string, DocumentoRelacionado[]> = { [U(3)]: [{ uuid: U(9), tipoDeComprobante: 'P', tipoRelacion: 'pago' }] };

function mapMemory() {
  const m = new Map<string, string>();
  return { get: async (k: string) => m.get(k), put: async (k: string, v: string) => void m.set(k, v) };
}

function sat() {
  let now = new Date('2026-11-20T18:00:00Z');
  const s = createSatSimulado({
    certPem: pac.certPem, keyPem: pac.keyPem, clock: () => now, memory: mapMemory(),
    comprobante: async (rfc, uuid) => (cfdis.get(uuid)?.rfcEmisor === rfc ? cfdis.get(uuid) : undefined),
    relacionadosVivos: async (_rfc, uuid) => vivos[uuid] ?? [],
  });
  return { ...s, advance: (ms: number) => { now = new Date(now.getTime() + ms); } };
}

function request(uuid: string, motivo = '02', o: { sust?: string; firmante?: typeof csd; rfc?: string } = {}) {
  const xml = firmarCancelacion({ rfcEmisor: o.rfc ?? RFC, fecha: '2026-11-20T12:00:00', folios: [{ uuid, motivo, ...(o.sust ? { folioSustitucion: o.sust } : {}) }] }, o.firmante ?? csd);
  return { rfcEmisor: o.rfc ?? RFC, uuid, motivo, xmlFirmado: xml };
}

const consulta = (uuid: string) => ({ rfcEmisor: RFC, rfcReceptor: 'URE180429TM6', total: '5000.00', uuid });

test('answers each SAT code for what it checks', async () => {
  const s = sat();
  const codes = async (r: ReturnType<typeof request>) => (await s.cancelador.cancelar(r)).codigo;
  assert.equal(await codes({ ...request(U(2)), xmlFirmado: request(U(2)).xmlFirmado.replace('Motivo="02"', 'Motivo="03"') }), '301', 'signature broken');
  assert.equal(await codes(request(U(2), '02', { firmante: otro })), '203', 'certificate of another RFC');
  assert.equal(await codes(request(U(7))), '205', 'unknown UUID');
  assert.equal(await codes(request(U(2), '02', { rfc: 'AAA010101AAA', firmante: otro })), '205', "another emisor's UUID");
  assert.equal(await codes(request(U(2), '05')), '207');
  assert.equal(await codes(request(U(2), '01')), '208');
  assert.equal(await codes(request(U(2), '02', { sust: U(4) })), '209');
  assert.equal(await codes(request(U(3))), 'no_cancelable');
  assert.equal(await codes(request(U(3), '01', { sust: U(9) })), '201', 'motivo 01: its own replacement does not block it');
});

test('no acceptance needed: 201 Cancelado sin aceptación with a signed acuse; a repeat is 202', async () => {
  const s = sat();
  const a = await s.cancelador.cancelar(request(U(2)));
  assert.equal(a.codigo, '201');
  assert.equal(a.estatusCancelacion, 'Cancelado sin aceptación');
  assert.match(a.acuse!, new RegExp(`<UUID>${U(2)}</UUID><EstatusUUID>201</EstatusUUID>`));
  assert.equal(verificarEnveloped(a.acuse!).ok, true);
  const again = await s.cancelador.cancelar(request(U(2)));
  assert.equal(again.codigo, '202');
  const e = await s.estado.consultar({ ...consulta(U(2)), total: '116.00' });
  assert.deepEqual([e.estado, e.esCancelable, e.estatusCancelacion], ['Cancelado', 'No cancelable', 'Cancelado sin aceptación']);
});

test('acceptance needed: En proceso until the receptor answers; rejected lets a new request through', async () => {
  const s = sat();
  assert.deepEqual(await s.estado.consultar(consulta(U(1))).then((e) => [e.estado, e.esCancelable]), ['Vigente', 'Cancelable con aceptación']);
  const a = await s.cancelador.cancelar(request(U(1)));
  assert.deepEqual([a.codigo, a.estatusCancelacion], ['201', 'En proceso']);
  assert.equal((await s.cancelador.cancelar(request(U(1)))).codigo, '202', 'in process: 202');
  assert.equal(await s.responder(U(1).toLowerCase(), 'rechazar'), 'Solicitud rechazada');
  assert.deepEqual(await s.estado.consultar(consulta(U(1))).then((e) => [e.estado, e.estatusCancelacion]), ['Vigente', 'Solicitud rechazada']);
  await assert.rejects(s.responder(U(1), 'aceptar'), /no tiene una solicitud de cancelación pendiente/);
  assert.equal((await s.cancelador.cancelar(request(U(1)))).codigo, '201', 'asked again after a rejection');
  assert.equal(await s.responder(U(1), 'aceptar'), 'Cancelado con aceptación');
  assert.deepEqual(await s.estado.consultar(consulta(U(1))).then((e) => [e.estado, e.estatusCancelacion]), ['Cancelado', 'Cancelado con aceptación']);
});

test("the receptor's silence for 72 hours accepts (Plazo vencido)", async () => {
  const s = sat();
  await s.cancelador.cancelar(request(U(1)));
  s.advance(PLAZO_RECEPTOR_MS - 1_000);
  assert.equal((await s.estado.consultar(consulta(U(1)))).estado, 'Vigente');
  s.advance(1_000);
  assert.deepEqual(await s.estado.consultar(consulta(U(1))).then((e) => [e.estado, e.estatusCancelacion]), ['Cancelado', 'Plazo vencido']);
  await assert.rejects(s.responder(U(1), 'rechazar'), /Plazo vencido/);
});

test('the status service: unknown, or the wrong receptor, is No Encontrado; a live payment makes it No cancelable', async () => {
  const s = sat();
  assert.equal((await s.estado.consultar(consulta(U(7)))).estado, 'No Encontrado');
  assert.equal((await s.estado.consultar({ ...consulta(U(1)), rfcReceptor: 'XAXX010101000' })).estado, 'No Encontrado');
  assert.equal((await s.estado.consultar(consulta(U(3)))).esCancelable, 'No cancelable');
});
