import { relacionados } from './relacionados.ts';
import { reglaCases, revision, UUID_B } from './testing.ts';

const pago = { uuid: '33333333-2222-4333-8444-000000000003', tipoDeComprobante: 'P', tipoRelacion: 'pago' };
const nota = { uuid: '44444444-2222-4333-8444-000000000004', tipoDeComprobante: 'E', tipoRelacion: '01' };
const sustituto = { uuid: UUID_B, tipoDeComprobante: 'I', tipoRelacion: '04' };

reglaCases(relacionados, [
  { name: 'nothing relates it', r: revision(), expect: 'ok' },
  { name: 'motivo 01: only its own replacement relates it', r: revision({ motivo: '01', folioSustitucion: UUID_B, relacionadosVivos: [sustituto] }), expect: 'ok' },
  { name: 'a live payment receipt', r: revision({ relacionadosVivos: [pago] }), expect: 'error', message: `${pago.uuid} (P, pago)` },
  { name: 'a live credit note', r: revision({ relacionadosVivos: [nota] }), expect: 'error', message: 'TipoRelacion 01' },
  { name: 'motivo 02 with a 04 replacement relating it', r: revision({ relacionadosVivos: [sustituto] }), expect: 'error', message: UUID_B },
  { name: 'motivo 01: the replacement and a payment', r: revision({ motivo: '01', folioSustitucion: UUID_B, relacionadosVivos: [sustituto, pago] }), expect: 'error', message: pago.uuid },
]);
