/** Table tests of the cancellation rules: a base request and per-row changes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FindingStatus } from '../rule.ts';
import type { ReglaCancelacion, RevisionCancelacion } from './types.ts';

export const UUID_A = '8B12F89B-12BF-4C3B-8AB0-4073EB2950D9';
export const UUID_B = '11111111-2222-4333-8444-000000000001';

export function revision(patch: Partial<RevisionCancelacion> = {}, cfdi: Partial<RevisionCancelacion['cfdi']> = {}): RevisionCancelacion {
  return {
    cfdi: {
      uuid: UUID_A, rfcEmisor: 'EKU9003173C9', rfcReceptor: 'URE180429TM6', tipoDeComprobante: 'I',
      total: '5800.00', moneda: 'MXN', fechaTimbrado: '2026-11-02T10:00:00', ...cfdi,
    },
    motivo: '02',
    folioSustitucion: '',
    relacionadosVivos: [],
    ahora: '2026-11-20T12:00:00',
    ...patch,
  };
}

export interface Row {
  name: string;
  r: RevisionCancelacion;
  expect: FindingStatus;
  /** A fragment the error message must contain. */
  message?: string | RegExp;
}

export function reglaCases(regla: ReglaCancelacion, rows: Row[]): void {
  for (const expect of ['ok', 'error'] as const) {
    if (!rows.some((x) => x.expect === expect)) throw new Error(`${regla.code}: the table needs an ${expect} row`);
  }
  for (const row of rows) {
    test(`${regla.code}: ${row.name} → ${row.expect}`, () => {
      const f = regla.check(row.r);
      assert.equal(f.length, 1);
      assert.equal(f[0].status, row.expect, JSON.stringify(f));
      assert.equal(f[0].code, regla.code);
      if (row.message) assert.match(f[0].message, typeof row.message === 'string' ? new RegExp(row.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : row.message);
    });
  }
}
