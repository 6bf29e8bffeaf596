import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completeComprobante } from './complete.ts';
import { compare, decimalsOf, fixed, format, importeTolerance, isDecimal, mul, add, roundHalfUp, sub, taxImporteTolerance, withinWindow } from './decimal.ts';
import type { ComprobanteDraft, ConceptoDraft } from '../draft.ts';
import type { Emisor } from '../model.ts';
import { Decimal } from 'decimal.js';

const DECIMALES: Record<string, number> = { MXN: 2, USD: 2, JPY: 0, BHD: 3, XXX: 0 };
const opts = { monedaDecimales: (m: string) => DECIMALES[m] };
/** Absent attributes are `undefined` properties; compare as the XML would have them. */
const plain = (o: unknown) => JSON.parse(JSON.stringify(o));

function concepto(p: Partial<ConceptoDraft>): ConceptoDraft {
  return {
    ClaveProdServ: '01010101',
    Cantidad: '1',
    ClaveUnidad: 'H87',
    Descripcion: 'x',
    ValorUnitario: '1',
    ObjetoImp: '02',
    InformacionAduanera: [],
    CuentaPredial: [],
    Parte: [],
    ...p,
  };
}
const iva16 = { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], Retenciones: [] };

type FullDraft = ComprobanteDraft & { Fecha: string; LugarExpedicion: string; Emisor: Emisor };
function draft(conceptos: ConceptoDraft[], p: Partial<ComprobanteDraft> = {}): FullDraft {
  return {
    Fecha: '2025-01-01T00:00:00',
    LugarExpedicion: '42501',
    Moneda: 'MXN',
    TipoDeComprobante: 'I',
    Exportacion: '01',
    Emisor: { Rfc: 'EKU9003173C9', Nombre: 'ESCUELA KEMPER URGATE', RegimenFiscal: '601' },
    Receptor: { Rfc: 'XAXX010101000', Nombre: 'PUBLICO EN GENERAL', DomicilioFiscalReceptor: '42501', RegimenFiscalReceptor: '616', UsoCFDI: 'S01' },
    CfdiRelacionados: [],
    Conceptos: conceptos,
    ...p,
  } as FullDraft;
}

describe('decimal helpers', () => {
  test('decimals as written', () => {
    assert.equal(decimalsOf('1.50'), 2);
    assert.equal(decimalsOf('3'), 0);
    assert.equal(decimalsOf('0.000001'), 6);
  });
  test('parses only plain decimal literals', () => {
    for (const bad of ['', '-', '.', '1e3', '1.2.3', ' 1', '1 ', '0x10', '1,5', 'NaN', '--1']) {
      assert.throws(() => fixed(bad), RangeError, bad);
      assert.equal(isDecimal(bad), false, bad);
    }
    assert.deepEqual(fixed('.5'), { v: 5n, s: 1 });
    assert.deepEqual(fixed('5.'), { v: 5n, s: 0 });
    assert.deepEqual(fixed('-0.050'), { v: -50n, s: 3 });
    assert.equal(format(fixed('123456789012345678.123456')), '123456789012345678.123456');
    assert.equal(format(fixed('0.000001')), '0.000001');
    assert.equal(format(sub('1.00', '1.5')), '-0.50');
    assert.equal(compare('1.50', '1.5'), 0);
    assert.equal(compare('0.999999', '1'), -1);
  });

  test('bigint arithmetic agrees with decimal.js on random operands (independent oracle)', () => {
    const D = Decimal.clone({ precision: 80 });
    // decimal.js writes a negative value that rounds to zero as "-0.00"; we write "0.00".
    const nz = (x: string) => x.replace(/^-(0(\.0+)?)$/, '$1');
    let seed = 12345;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const num = () => {
      const i = String(Math.floor(rnd() * 10 ** Math.floor(rnd() * 12)));
      const d = Math.floor(rnd() * 7);
      const s = d ? `${i}.${String(Math.floor(rnd() * 10 ** d)).padStart(d, '0')}` : i;
      return rnd() < 0.1 ? `-${s}` : s;
    };
    for (let k = 0; k < 2000; k++) {
      const a = num();
      const b = num();
      const d = Math.floor(rnd() * 5);
      const exact = new D(a).times(b);
      // decimal.js ROUND_HALF_UP rounds half away from zero, as the SAT's "redondeo".
      assert.equal(roundHalfUp(mul(a, b), d), nz(exact.toFixed(d, Decimal.ROUND_HALF_UP)), `${a} × ${b} @${d}`);
      assert.equal(roundHalfUp(add(a, b), d), nz(new D(a).plus(b).toFixed(d, Decimal.ROUND_HALF_UP)), `${a} + ${b} @${d}`);
      assert.equal(roundHalfUp(sub(a, b), d), nz(new D(a).minus(b).toFixed(d, Decimal.ROUND_HALF_UP)), `${a} − ${b} @${d}`);
      assert.equal(compare(a, b), new D(a).comparedTo(b), `${a} <=> ${b}`);
    }
  });

  test('half-up, not banker’s rounding', () => {
    assert.equal(roundHalfUp('0.005', 2), '0.01');
    assert.equal(roundHalfUp('0.015', 2), '0.02');
    assert.equal(roundHalfUp('0.025', 2), '0.03');
    assert.equal(roundHalfUp('2.5', 0), '3');
    assert.equal(roundHalfUp('0.0049999', 2), '0.00');
    assert.equal(roundHalfUp('1', 2), '1.00');
  });
  test('no binary-float drift on 18-digit amounts', () => {
    assert.equal(roundHalfUp(mul('123456789012345678.125', '1.000000'), 2), '123456789012345678.13');
    // Expected value from Python's decimal module at 80 digits.
    assert.equal(format(mul('999999999999999999.999999', '999999.999999')), '999999999998999999999999.000000000001');
    assert.equal(format(add('0.1', '0.2')), '0.3');
    assert.equal(roundHalfUp('-0.005', 2), '-0.01');
  });
  test('importe tolerance window (Anexo 20 formula, worked by hand)', () => {
    // Cantidad 1.5 (dc=1), ValorUnitario 10.333 (dv=3):
    // lower = trunc(1.45 × 10.3325 = 14.982125) = 14.98; upper = ceil(~1.55 × ~10.3335 = 16.0169…) = 16.02
    const w = importeTolerance('1.5', '10.333', 2);
    assert.deepEqual(w, { lower: '14.98', upper: '16.02' });
    assert.ok(withinWindow('15.50', w));
    assert.ok(!withinWindow('16.03', w));
    assert.ok(!withinWindow('14.97', w));
    // Written without decimals, each value may be off by ±0.5: [1.5 × 2.5, 2.5 × 3.5).
    const w2 = importeTolerance('2', '3', 2);
    assert.deepEqual(w2, { lower: '3.75', upper: '8.75' });
  });
  test('tax importe tolerance', () => {
    // Base 0.125 (db=3), tasa 0.16: lower = trunc(0.1245 × 0.16 = 0.01992, 2) = 0.01; upper = ceil(0.1255 × 0.16 = 0.02008) = 0.03
    const w = taxImporteTolerance('0.125', '0.160000', 2);
    assert.deepEqual(w, { lower: '0.01', upper: '0.03' });
  });
});

describe('completeComprobante', () => {
  test('computes Importe half-up to the currency decimals: 1 × 0.005 → 0.01', () => {
    const c = completeComprobante(draft([concepto({ ValorUnitario: '0.005', ObjetoImp: '01' })]), opts);
    assert.equal(c.Conceptos[0].Importe, '0.01');
    assert.equal(c.SubTotal, '0.01');
    assert.equal(c.Total, '0.01');
    assert.equal(c.Version, '4.0');
    assert.equal(c.Impuestos, undefined);
    assert.equal(c.Descuento, undefined);
  });

  test('keeps declared values exactly as written', () => {
    const c = completeComprobante(
      draft([concepto({ Cantidad: '2', ValorUnitario: '50', Importe: '100.0000', Impuestos: { Traslados: [{ Base: '100.0000', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.000000' }], Retenciones: [] } })], {
        SubTotal: '999',
      }),
      opts,
    );
    assert.equal(c.Conceptos[0].Importe, '100.0000');
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Importe, '16.000000');
    assert.equal(c.SubTotal, '999'); // wrong on purpose: the rules report CFDI40108
    assert.equal(c.Impuestos?.Traslados[0].Base, '100.00');
    assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '16.00');
    // Total uses the declared SubTotal: 999 + 16
    assert.equal(c.Total, '1015.00');
  });

  test('Base = Importe − Descuento; Descuento totals only when a concept has one', () => {
    const c = completeComprobante(
      draft([
        concepto({ Cantidad: '3', ValorUnitario: '33.333333', Descuento: '10.00', Impuestos: iva16 }),
        concepto({ Cantidad: '1', ValorUnitario: '0.5', Impuestos: iva16 }),
      ]),
      opts,
    );
    // 3 × 33.333333 = 99.999999 → 100.00; base 90.00; IVA 14.40. Second: 0.50, IVA 0.08
    assert.equal(c.Conceptos[0].Importe, '100.00');
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Base, '90.00');
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Importe, '14.40');
    assert.equal(c.Conceptos[1].Impuestos?.Traslados[0].Importe, '0.08');
    assert.equal(c.SubTotal, '100.50');
    assert.equal(c.Descuento, '10.00');
    assert.deepEqual(plain(c.Impuestos?.Traslados), [{ Base: '90.50', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '14.48' }]);
    assert.equal(c.Total, '104.98'); // 100.50 − 10.00 + 14.48
  });

  test('a declared concept Descuento with more decimals widens the computed Importe (CFDI40168)', () => {
    const c = completeComprobante(draft([concepto({ Cantidad: '1', ValorUnitario: '10', Descuento: '0.125', ObjetoImp: '01' })]), opts);
    assert.equal(c.Conceptos[0].Importe, '10.000');
    assert.equal(c.Descuento, '0.13'); // document level: currency decimals, half-up
    assert.equal(c.Total, '9.87');
  });

  test('group sums are rounded once, after summing (CFDI40215/40221)', () => {
    // Three concepts with 3-decimal importes 0.335: each base 0.335, IVA exact 0.0536 → 0.05.
    const k = () => concepto({ Cantidad: '1', ValorUnitario: '0.335', Importe: '0.335', Impuestos: iva16 });
    const c = completeComprobante(draft([k(), k(), k()]), opts);
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Base, '0.335');
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Importe, '0.05');
    assert.equal(c.SubTotal, '1.01'); // round(1.005) half-up
    assert.equal(c.Impuestos?.Traslados[0].Base, '1.01');
    assert.equal(c.Impuestos?.Traslados[0].Importe, '0.15');
    assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '0.15');
    assert.equal(c.Total, '1.16');
  });

  test('groups by (Impuesto, TipoFactor, TasaOCuota); Exento has only Base; retentions by Impuesto', () => {
    const c = completeComprobante(
      draft([
        concepto({ ValorUnitario: '100', Impuestos: { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], Retenciones: [{ Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' }, { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.106667' }] } }),
        concepto({ ValorUnitario: '200', Impuestos: { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.080000' }], Retenciones: [{ Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.012500' }] } }),
        concepto({ ValorUnitario: '50', Impuestos: { Traslados: [{ Impuesto: '002', TipoFactor: 'Exento', TasaOCuota: '0.000000' }], Retenciones: [] } }),
        concepto({ ValorUnitario: '10', Impuestos: { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.16' }], Retenciones: [] } }),
      ]),
      opts,
    );
    const ex = c.Conceptos[2].Impuestos?.Traslados[0];
    assert.deepEqual(plain(ex), { Base: '50.00', Impuesto: '002', TipoFactor: 'Exento' });
    assert.deepEqual(plain(c.Impuestos?.Traslados), [
      { Base: '110.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '17.60' },
      { Base: '200.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.080000', Importe: '16.00' },
      { Base: '50.00', Impuesto: '002', TipoFactor: 'Exento' },
    ]);
    // ISR 10.00 + 2.50; IVA retenido 100 × 0.106667 = 10.6667 → 10.67
    assert.deepEqual(plain(c.Impuestos?.Retenciones), [
      { Impuesto: '001', Importe: '12.50' },
      { Impuesto: '002', Importe: '10.67' },
    ]);
    assert.equal(c.Impuestos?.TotalImpuestosRetenidos, '23.17');
    assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '33.60');
    assert.equal(c.SubTotal, '360.00');
    assert.equal(c.Total, '370.43'); // 360 + 33.60 − 23.17
  });

  test('only Exento traslados: no TotalImpuestosTrasladados (CFDI40212/40213)', () => {
    const c = completeComprobante(draft([concepto({ ValorUnitario: '5', Impuestos: { Traslados: [{ Impuesto: '002', TipoFactor: 'Exento' }], Retenciones: [] } })]), opts);
    assert.equal(c.Impuestos?.TotalImpuestosTrasladados, undefined);
    assert.equal(c.Total, '5.00');
  });

  test('IEPS by Cuota: per-unit base is the quantity', () => {
    const c = completeComprobante(
      draft([concepto({ Cantidad: '3', ValorUnitario: '20', Impuestos: { Traslados: [{ Impuesto: '003', TipoFactor: 'Cuota', TasaOCuota: '0.500000' }], Retenciones: [] } })]),
      opts,
    );
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Base, '3');
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Importe, '1.50');
    assert.equal(c.Total, '61.50');
  });

  // issue 10 item 2: Ley del IVA arts. 12 and 18 — the IVA base includes the IEPS (worked by hand).
  test('IEPS + IVA: a computed IVA base includes the IEPS (10 × 20.00, IEPS 26.5 %, IVA 16 %)', () => {
    const c = completeComprobante(
      draft([concepto({ Cantidad: '10', ValorUnitario: '20.00', Impuestos: { Traslados: [{ Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '0.265000' }, { Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], Retenciones: [] } })]),
      opts,
    );
    assert.deepEqual(plain(c.Conceptos[0].Impuestos?.Traslados), [
      { Base: '200.00', Impuesto: '003', TipoFactor: 'Tasa', TasaOCuota: '0.265000', Importe: '53.00' },
      { Base: '253.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '40.48' },
    ]);
    assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '93.48');
    assert.equal(c.Total, '293.48');
  });

  test('IEPS by Cuota listed after the IVA, and a declared IVA Base is kept as written', () => {
    // 3 × 20: IEPS cuota 0.50 per unit → 1.50; IVA base 60 + 1.50 = 61.50 → 9.84.
    const k = (ivaBase?: string) =>
      concepto({ Cantidad: '3', ValorUnitario: '20', Impuestos: { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', ...(ivaBase ? { Base: ivaBase } : {}) }, { Impuesto: '003', TipoFactor: 'Cuota', TasaOCuota: '0.500000' }], Retenciones: [] } });
    const c = completeComprobante(draft([k()]), opts);
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Base, '61.50');
    assert.equal(c.Conceptos[0].Impuestos?.Traslados[0].Importe, '9.84');
    const declared = completeComprobante(draft([k('60.00')]), opts);
    assert.equal(declared.Conceptos[0].Impuestos?.Traslados[0].Base, '60.00');
    assert.equal(declared.Conceptos[0].Impuestos?.Traslados[0].Importe, '9.60');
  });

  test('currencies with 0 and 3 decimals', () => {
    const jpy = completeComprobante(draft([concepto({ Cantidad: '3', ValorUnitario: '33.5', Impuestos: iva16 })], { Moneda: 'JPY', TipoCambio: '0.12' }), opts);
    assert.equal(jpy.Conceptos[0].Importe, '101'); // 100.5 → 101
    assert.equal(jpy.Conceptos[0].Impuestos?.Traslados[0].Importe, '16'); // 16.16
    assert.equal(jpy.Total, '117');
    const bhd = completeComprobante(draft([concepto({ Cantidad: '1.25', ValorUnitario: '3.3333', Impuestos: iva16 })], { Moneda: 'BHD', TipoCambio: '48.5' }), opts);
    assert.equal(bhd.Conceptos[0].Importe, '4.167'); // 4.166625
    assert.equal(bhd.Conceptos[0].Impuestos?.Traslados[0].Importe, '0.667'); // 0.66672
    assert.equal(bhd.Total, '4.834');
  });

  test('T and P: SubTotal and Total 0, no document Impuestos', () => {
    const p = completeComprobante(
      draft([concepto({ ClaveProdServ: '84111506', ClaveUnidad: 'ACT', Descripcion: 'Pago', ValorUnitario: '0', ObjetoImp: '01' })], { Moneda: 'XXX', TipoDeComprobante: 'P' }),
      opts,
    );
    assert.equal(p.SubTotal, '0');
    assert.equal(p.Total, '0');
    assert.equal(p.Conceptos[0].Importe, '0');
    assert.equal(p.Impuestos, undefined);
  });

  test('declared document Impuestos are kept; missing values filled from the concepts', () => {
    const c = completeComprobante(
      draft([concepto({ ValorUnitario: '100', Impuestos: iva16 })], {
        Impuestos: { Retenciones: [], Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.01' }] },
      }),
      opts,
    );
    assert.deepEqual(plain(c.Impuestos?.Traslados), [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.01' }]);
    assert.equal(c.Impuestos?.TotalImpuestosTrasladados, '16.01');
    assert.equal(c.Total, '116.01');
  });

  // issue 10 item 1: 01 declares the totals, no 06/07 → the rows still come from the concepts.
  test('declared totals without 06/07 rows: the document rows are computed from the concepts', () => {
    const retIsr = { Impuesto: '001', TipoFactor: 'Tasa', TasaOCuota: '0.100000' };
    const c = completeComprobante(
      draft([concepto({ ValorUnitario: '100', Impuestos: { Traslados: iva16.Traslados, Retenciones: [retIsr] } })], {
        SubTotal: '100.00',
        Total: '106.00',
        Impuestos: { TotalImpuestosTrasladados: '16.00', TotalImpuestosRetenidos: '10.00', Traslados: [], Retenciones: [] },
      }),
      opts,
    );
    assert.deepEqual(plain(c.Impuestos), {
      TotalImpuestosRetenidos: '10.00',
      TotalImpuestosTrasladados: '16.00',
      Retenciones: [{ Impuesto: '001', Importe: '10.00' }],
      Traslados: [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }],
    });
    // A declared 0.00 stays as written (CFDI40205 then judges it) but the rows are never dropped.
    const zero = completeComprobante(
      draft([concepto({ ValorUnitario: '100', Impuestos: iva16 })], { Impuestos: { TotalImpuestosTrasladados: '0.00', Traslados: [], Retenciones: [] } }),
      opts,
    );
    assert.equal(zero.Impuestos?.TotalImpuestosTrasladados, '0.00');
    assert.deepEqual(plain(zero.Impuestos?.Traslados), [{ Base: '100.00', Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000', Importe: '16.00' }]);
  });

  test('declared 06 rows and no 07: the retention rows come from the concepts', () => {
    const c = completeComprobante(
      draft([concepto({ ValorUnitario: '100', Impuestos: { Traslados: iva16.Traslados, Retenciones: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.106667' }] } })], {
        Impuestos: { Traslados: [{ Impuesto: '002', TipoFactor: 'Tasa', TasaOCuota: '0.160000' }], Retenciones: [] },
      }),
      opts,
    );
    assert.deepEqual(plain(c.Impuestos?.Retenciones), [{ Impuesto: '002', Importe: '10.67' }]);
    assert.equal(c.Impuestos?.TotalImpuestosRetenidos, '10.67');
    assert.equal(c.Total, '105.33');
  });

  test('computed concept values always land inside the SAT windows (randomised)', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const num = (intDigits: number, dec: number) => {
      let s = String(Math.floor(rnd() * 10 ** intDigits));
      if (dec > 0) s += '.' + String(Math.floor(rnd() * 10 ** dec)).padStart(dec, '0');
      return s === '0' || /^0(\.0+)?$/.test(s) ? '1' : s;
    };
    for (let k = 0; k < 300; k++) {
      const moneda = ['MXN', 'JPY', 'BHD'][k % 3];
      const cant = num(3, k % 7);
      const vu = num(5, (k * 5) % 7);
      const c = completeComprobante(draft([concepto({ Cantidad: cant, ValorUnitario: vu, Impuestos: iva16 })], { Moneda: moneda }), opts);
      const kk = c.Conceptos[0];
      assert.ok(withinWindow(kk.Importe, importeTolerance(cant, vu, decimalsOf(kk.Importe))), `${cant} × ${vu} = ${kk.Importe}`);
      const t = kk.Impuestos!.Traslados[0];
      assert.ok(withinWindow(t.Importe!, taxImporteTolerance(t.Base, t.TasaOCuota!, decimalsOf(t.Importe!))), `${t.Base} × 0.16 = ${t.Importe}`);
      assert.ok(decimalsOf(c.Total) <= DECIMALES[moneda]);
    }
  });
});
