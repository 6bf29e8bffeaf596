/**
 * The Pagos 2.0 complement: typed model ↔ element ↔ XML, and the completion of a draft.
 * The SAT's sample pago20-sealed.xml is the oracle (when ../shared is present): the
 * complement rebuilt from the typed model gives the SAT's cadena byte for byte, and the
 * amounts this service computes from the payment's inputs are the sample's.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readComprobante } from '../xml/read.ts';
import { writeComprobante } from '../xml/write.ts';
import { cadenaOriginal } from '../cadena.ts';
import { monedaDecimales } from '../../catalogs/index.ts';
import { isPagosElement, pagosDe, pagosElement, pagosFromElement } from './element.ts';
import { completePagos, type Faltante } from './complete.ts';
import type { PagosDraft } from './draft.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const samples = join(process.env.CFDI_SHARED_DIR ?? resolve(repoRoot, '..', 'shared'), 'sat', 'samples');
const opts = { monedaDecimales };

test('pago20-sealed.xml: typed model → element → XML gives the SAT cadena byte for byte', (t) => {
  const file = join(samples, 'pago20-sealed.xml');
  if (!existsSync(file)) return t.skip(`../shared not found: ${file}`);
  const c = readComprobante(readFileSync(file, 'utf8'));
  const pagos = pagosDe(c)!;
  assert.equal(pagos.Pago[0].DoctoRelacionado.length, 2);
  assert.equal(pagos.Pago[0].ImpuestosP?.TrasladosP[0].BaseP, '12931.040000');
  // Replace the element as read by the one built from the typed model.
  const rebuilt = { ...c, Complemento: { otros: [pagosElement(pagos)] } };
  const expected = readFileSync(join(samples, 'expected', 'pago20-sealed.cadena.txt'), 'utf8');
  assert.equal(cadenaOriginal(rebuilt), expected);
  const reread = readComprobante(writeComprobante(rebuilt));
  assert.equal(cadenaOriginal(reread), expected);
  assert.deepEqual(pagosDe(reread), pagos);
});

/** The sample's payment as a client would send it: only what a bank statement says. */
function sampleDraft(): PagosDraft {
  return {
    Pago: [
      {
        FechaPago: '2023-06-12T17:18:19', FormaDePagoP: '03', MonedaP: 'MXN', Monto: '15000.00', NumOperacion: '963852',
        RfcEmisorCtaOrd: 'BMI9704113PA', CtaOrdenante: '0001970000', RfcEmisorCtaBen: 'BBA830831LJ2', CtaBeneficiario: '0198005000',
        DoctoRelacionado: [
          {
            IdDocumento: '00000000-1111-2222-3333-00000000000A', NumParcialidad: '2', ImpSaldoAnt: '12000.00', ImpPagado: '12000.00', ImpSaldoInsoluto: '0',
            ImpuestosDR: { RetencionesDR: [], TrasladosDR: [{ ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000' }] },
          },
          {
            IdDocumento: '00000000-1111-2222-3333-00000000000B', NumParcialidad: '1', ImpSaldoAnt: '10000.00', ImpPagado: '3000.00',
            // The invoice is the service's own: its taxes come from its records.
            factura: { Total: '10000.00', Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Base: '8620.69' }], Retenciones: [] },
          },
        ],
      },
    ],
  };
}

test('completion from the payment inputs gives the SAT sample (bases, taxes, ImpuestosP, Totales)', (t) => {
  const file = join(samples, 'pago20-sealed.xml');
  const { pagos, faltantes } = completePagos(sampleDraft(), opts);
  assert.deepEqual(faltantes, []);
  const p = pagos.Pago[0];
  assert.equal(p.TipoCambioP, '1');
  assert.deepEqual(p.DoctoRelacionado.map((d) => [d.MonedaDR, d.EquivalenciaDR, d.ObjetoImpDR, d.ImpSaldoInsoluto]), [['MXN', '1', '02', '0'], ['MXN', '1', '02', '7000.00']]);
  assert.deepEqual(p.DoctoRelacionado[0].ImpuestosDR?.TrasladosDR, [{ BaseDR: '10344.83', ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000', ImporteDR: '1655.17' }]);
  assert.deepEqual(p.DoctoRelacionado[1].ImpuestosDR?.TrasladosDR, [{ BaseDR: '2586.21', ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000', ImporteDR: '413.79' }]);
  assert.deepEqual(p.ImpuestosP, { RetencionesP: [], TrasladosP: [{ BaseP: '12931.040000', ImpuestoP: '002', TipoFactorP: 'Tasa', TasaOCuotaP: '0.160000', ImporteP: '2068.960000' }] });
  assert.deepEqual(pagos.Totales, { TotalRetencionesIVA: undefined, TotalRetencionesISR: undefined, TotalRetencionesIEPS: undefined, TotalTrasladosBaseIVA16: '12931.04', TotalTrasladosImpuestoIVA16: '2068.96', TotalTrasladosBaseIVA8: undefined, TotalTrasladosImpuestoIVA8: undefined, TotalTrasladosBaseIVA0: undefined, TotalTrasladosImpuestoIVA0: undefined, TotalTrasladosBaseIVAExento: undefined, MontoTotalPagos: '15000.00' });
  if (!existsSync(file)) return t.skip(`../shared not found: ${file}`);
  const sample = readComprobante(readFileSync(file, 'utf8'));
  const built = { ...sample, Complemento: { otros: [pagosElement(pagos)] } };
  assert.equal(cadenaOriginal(built), readFileSync(join(samples, 'expected', 'pago20-sealed.cadena.txt'), 'utf8'));
});

test('foreign currency: EquivalenciaDR from the amounts, Monto from ImpPagado, Totales by TipoCambioP', () => {
  const one = completePagos({ Pago: [{ FechaPago: '2025-01-01T00:00:00', FormaDePagoP: '03', MonedaP: 'USD', TipoCambioP: '20.000000', Monto: '100.00',
    DoctoRelacionado: [{ IdDocumento: 'A', MonedaDR: 'MXN', NumParcialidad: '1', ImpSaldoAnt: '5000.00', ImpPagado: '2000.00' }] }] }, opts);
  assert.equal(one.pagos.Pago[0].DoctoRelacionado[0].EquivalenciaDR, '20.0000000000');
  assert.equal(one.pagos.Totales.MontoTotalPagos, '2000.00');
  // Monto absent: the exact Σ ImpPagado / EquivalenciaDR rounded half-up once.
  const two = completePagos({ Pago: [{ FechaPago: '2025-01-01T00:00:00', FormaDePagoP: '03', MonedaP: 'USD', TipoCambioP: '17.25',
    DoctoRelacionado: [
      { IdDocumento: 'A', MonedaDR: 'MXN', EquivalenciaDR: '17.25', NumParcialidad: '1', ImpSaldoAnt: '100.00', ImpPagado: '100.00' },
      { IdDocumento: 'B', MonedaDR: 'USD', NumParcialidad: '3', ImpSaldoAnt: '10.00', ImpPagado: '10.00' },
    ] }] }, opts);
  // 100/17.25 = 5.797101… → 5.80; plus 10.00.
  assert.equal(two.pagos.Pago[0].Monto, '15.80');
  assert.equal(two.pagos.Pago[0].DoctoRelacionado[1].EquivalenciaDR, '1');
  assert.equal(two.pagos.Totales.MontoTotalPagos, '272.55');
});

test('retentions: BaseDR from ImpPagado net of taxes; RetencionesP and TotalRetenciones', () => {
  const r = completePagos({ Pago: [{ FechaPago: '2025-01-01T00:00:00', FormaDePagoP: '03', MonedaP: 'MXN', Monto: '953.33',
    DoctoRelacionado: [{ IdDocumento: 'A', NumParcialidad: '1', ImpSaldoAnt: '953.33', ImpPagado: '953.33', ImpuestosDR: {
      TrasladosDR: [{ ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.160000' }],
      RetencionesDR: [{ ImpuestoDR: '001', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.100000' }, { ImpuestoDR: '002', TipoFactorDR: 'Tasa', TasaOCuotaDR: '0.106667' }],
    } }] }] }, opts);
  const d = r.pagos.Pago[0].DoctoRelacionado[0];
  // 953.33 / (1 + 0.16 − 0.10 − 0.106667) = 999.9996… → 1000.00
  assert.deepEqual(d.ImpuestosDR?.RetencionesDR.map((x) => [x.BaseDR, x.ImporteDR]), [['1000.00', '100.00'], ['1000.00', '106.67']]);
  assert.deepEqual(r.pagos.Pago[0].ImpuestosP?.RetencionesP, [{ ImpuestoP: '001', ImporteP: '100.000000' }, { ImpuestoP: '002', ImporteP: '106.670000' }]);
  assert.equal(r.pagos.Totales.TotalRetencionesISR, '100.00');
  assert.equal(r.pagos.Totales.TotalRetencionesIVA, '106.67');
  assert.equal(r.pagos.Totales.TotalTrasladosImpuestoIVA16, '160.00');
});

test('what can be neither taken nor computed is reported, by pago and document', () => {
  const r = completePagos({ Pago: [{ FechaPago: '2025-01-01T00:00:00', FormaDePagoP: '03', MonedaP: 'MXN',
    DoctoRelacionado: [{ IdDocumento: 'A', ImpPagado: '5.00' }, { IdDocumento: 'B', MonedaDR: 'USD' }] }] }, opts);
  const f: Faltante[] = r.faltantes;
  assert.deepEqual(f, [
    { pago: 1, docto: 1, campo: 'ImpSaldoAnt' }, { pago: 1, docto: 1, campo: 'NumParcialidad' },
    { pago: 1, docto: 2, campo: 'EquivalenciaDR' }, { pago: 1, docto: 2, campo: 'ImpPagado' }, { pago: 1, docto: 2, campo: 'ImpSaldoAnt' }, { pago: 1, docto: 2, campo: 'NumParcialidad' },
    { pago: 1, campo: 'Monto' },
  ]);
});

test('reader: any prefix, absent required attributes read as empty', () => {
  const e = { name: 'p:Pagos', ns: 'http://www.sat.gob.mx/Pagos20', attrs: [['Version', '2.0']] as Array<[string, string]>, children: [
    { name: 'p:Pago', ns: 'http://www.sat.gob.mx/Pagos20', attrs: [['Monto', '1']] as Array<[string, string]>, children: [] },
  ] };
  assert.ok(isPagosElement(e));
  const p = pagosFromElement(e);
  assert.equal(p.Totales.MontoTotalPagos, '');
  assert.equal(p.Pago[0].FechaPago, '');
  assert.equal(p.Pago[0].Monto, '1');
});
