import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pagosView } from './pagos-view.ts';
import { buildViewModel } from './view-model.ts';
import { createPdfRenderer } from './pool.ts';
import { pagoCompleto, pagoUsd } from '../rules/testing/pagos-fixtures.ts';
import { ingreso } from '../rules/testing/fixtures.ts';

test('the payments section lists each Pago, the documents it pays with their balances and taxes, and the Totales', () => {
  const v = pagosView(pagoCompleto())!;
  assert.equal(v.pagos.length, 1);
  const p = v.pagos[0];
  assert.deepEqual(p.datos, [
    'Fecha de pago: 2025-06-14T10:00:00', 'Forma de pago: 03 - Transferencia electrónica de fondos', 'Moneda: MXN, tipo de cambio 1',
    'Monto: 6,753.33 MXN', 'Número de operación: SPEI-1',
    'Cuentas: banco ordenante BMI9704113PA; cuenta ordenante 0001970000; banco beneficiario BBA830831LJ2; cuenta beneficiaria 0198005000',
  ]);
  assert.equal(p.documentos.length, 2);
  assert.match(p.documentos[0], /^Documento 7D1C3A52-0E4B-4F7A-9C61-2B8E5F3A9D10 \(F1\): parcialidad 1, moneda MXN · saldo anterior 11,600.00, importe pagado 5,800.00, saldo insoluto 5,800.00 · objeto de impuesto 02 - Sí objeto de impuesto. · Traslado IVA Tasa 16(\.00)? ?%: base 5,000.00, importe 800.00$/);
  assert.match(p.documentos[1], /Retención ISR Tasa 10(\.00)? ?%: base 1,000.00, importe 100.00/);
  assert.deepEqual(p.impuestos, ['Traslado IVA Tasa 16%: base 6,000.000000, importe 960.000000', 'Retención ISR: 100.000000', 'Retención IVA: 106.670000']);
  assert.deepEqual(v.totales, ['Monto total de los pagos: 6,753.33 MXN', 'Total retenciones IVA: 106.67', 'Total retenciones ISR: 100.00', 'Base IVA 16 %: 6,000.00', 'IVA 16 %: 960.00']);
  assert.match(pagosView(pagoUsd())!.pagos[0].documentos[0], /moneda MXN \(equivalencia 17.2500000000\)/);
  assert.equal(pagosView(ingreso()), undefined);
});

test('a payment receipt renders to a PDF with the section (both templates)', async () => {
  const renderer = createPdfRenderer({ threads: 0 });
  try {
    for (const template of ['clasica', 'moderna']) {
      const input = { comprobante: pagoCompleto(), printed: { notas: [], conceptos: [{}] }, branding: { template } };
      assert.ok(buildViewModel(input).pagos);
      const pdf = await renderer.render(input);
      assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    }
  } finally {
    await renderer.close();
  }
});
