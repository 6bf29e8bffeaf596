/**
 * The xsa text layout (docs/layouts.md) → CfdiParcial + DatosImpresos.
 *
 * Three passes, all error-collecting: split the text into records; check every field
 * against the record table (records.ts); interpret the records (links between
 * concepts and their 05C/05D/05A/05P/05T/08, groups of 02A, document checks). The
 * work is linear in the size of the text, and nothing here throws on any input.
 */
import type { CfdiRelacionados, InformacionAduanera } from '../../cfdi/model.ts';
import type { ImpuestosDraft, RetencionConceptoDraft, TrasladoConceptoDraft } from '../../cfdi/draft.ts';
import { emptyDatosImpresos, type ConceptoImpreso, type DatosImpresos, type DomicilioImpreso } from '../../cfdi/printed.ts';
import type { ImpuestoPerfil, LayoutError, LayoutVersion } from '../connector.ts';
import { layoutError, type Where } from '../errors.ts';
import type { CfdiParcial, ConceptoParcial, Locate } from '../resolve.ts';
import {
  checkCaracteres,
  checkDecimal,
  checkFecha,
  checkFlag,
  checkFormaPagoTexto,
  checkImpuesto,
  checkMetodoPagoTexto,
  checkTasaOCuota,
  checkTexto,
  checkTipoFactor,
  checkUuid,
  MAX_FIELD_LENGTH,
  type Checked,
} from '../values.ts';
import { fieldPosition, ONLY_40, RECORDS_40, RECORDS_LEGACY, RECORDS_PAGOS, type FieldKind, type RecordSpec } from './records.ts';
import { interpretPagos } from './pagos.ts';

/** One line of the document, split. */
export interface RawRecord {
  line: number;
  id: string;
  fields: string[];
}

/** Splits the text into records: `\n` separated, `\r` ignored, optional leading/trailing pipe, blank lines skipped. */
export function splitRecords(text: string): RawRecord[] {
  const out: RawRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    // trim() also drops the `\r` of CRLF and, on the first line, a BOM.
    let s = lines[i].trim();
    if (s === '') continue;
    if (s.charCodeAt(0) === 124 /* | */) s = s.slice(1);
    if (s.charCodeAt(s.length - 1) === 124) s = s.slice(0, -1);
    const parts = s.split('|');
    const fields = new Array<string>(parts.length - 1);
    for (let f = 1; f < parts.length; f++) {
      const v = parts[f];
      // trim() allocates; most fields have nothing to trim.
      const a = v.charCodeAt(0);
      const z = v.charCodeAt(v.length - 1);
      fields[f - 1] = a <= 32 || z <= 32 || a > 126 || z > 126 ? v.trim() : v;
    }
    out.push({ line: i + 1, id: parts[0].trim().toUpperCase(), fields });
  }
  return out;
}

/** A record whose fields passed their checks: normalised values, `undefined` when empty. */
export interface CheckedRecord {
  line: number;
  id: string;
  spec: RecordSpec;
  v: Array<string | undefined>;
  raw: string[];
  /** Some field failed: the record is still used for links, not for values. */
  bad: boolean;
}

/** Location of field `f` (0-based) of a record, built only when there is an error to report. */
function fieldAt(r: RawRecord, f: number, name: string): Where {
  return { line: r.line, record: r.id, field: f + 1, fieldName: name };
}

function checkKind(kind: FieldKind, v: string): Checked {
  switch (kind) {
    case 'decimal':
    case 'tasa':
      return checkDecimal(v);
    case 'fecha':
      return checkFecha(v);
    case 'impuesto':
      return checkImpuesto(v);
    case 'factor':
      return checkTipoFactor(v);
    case 'uuid':
      return checkUuid(v);
    case 'flag':
      return checkFlag(v);
    case 'entero':
      return /^\d{1,9}$/.test(v) ? { ok: true, value: v } : { ok: false, code: 'LAYOUT_NUMERO', problem: 'no es un número entero' };
    case 'metodo':
      return checkMetodoPagoTexto(v);
    case 'forma':
      return checkFormaPagoTexto(v);
    default:
      return { ok: true, value: v };
  }
}

export interface XsaParsed {
  version: '4.0' | 'legacy';
  parcial: CfdiParcial;
  printed: DatosImpresos;
  errors: LayoutError[];
  locate: Locate;
}

/** Decides the version: pinned by the tipo de CFD, else record 00 field 3, else guessed from 4.0-only records. */
function detectVersion(records: RawRecord[], pinned: LayoutVersion, errors: LayoutError[]): '4.0' | 'legacy' {
  const head = records.find((r) => r.id === '00');
  const declared = head?.fields[2] ?? '';
  const where: Where = head ? { line: head.line, record: '00', field: 3, fieldName: 'Version' } : {};
  if (declared !== '' && declared !== '4.0') {
    errors.push(layoutError('LAYOUT_VERSION', where, 'no es una versión del layout (4.0, o vacío para legacy)', declared));
  }
  if (pinned !== 'auto') {
    if (head && declared === '4.0' && pinned === 'legacy') {
      errors.push(layoutError('LAYOUT_VERSION', where, 'no es la versión configurada para el tipo de CFD (legacy)', declared));
    }
    return pinned;
  }
  if (declared === '4.0') return '4.0';
  if (head) return 'legacy';
  return records.some((r) => ONLY_40.has(r.id)) ? '4.0' : 'legacy';
}

export function parseXsa(text: string, pinned: LayoutVersion): XsaParsed {
  const errors: LayoutError[] = [];
  const printed = emptyDatosImpresos();
  const parcial: CfdiParcial = { CfdiRelacionados: [], Receptor: {}, Conceptos: [] };
  const records = splitRecords(text);
  const version = detectVersion(records, pinned, errors);
  const table = version === '4.0' ? RECORDS_40 : RECORDS_LEGACY;
  const firstLine = new Map<string, CheckedRecord>();
  const conceptLines: CheckedRecord[] = [];

  const locate: Locate = (path) => {
    const parts = path.split('.');
    let r: CheckedRecord | undefined;
    const name = parts[parts.length - 1];
    if (parts[0] === 'Receptor') r = firstLine.get('03');
    else if (parts[0] === 'Conceptos') r = conceptLines[Number(parts[1])];
    else r = firstLine.get('01');
    if (!r) return { fieldName: name };
    return { line: r.line, record: r.id, field: fieldPosition(r.spec, name), fieldName: name };
  };

  if (records.length === 0) {
    errors.push(layoutError('LAYOUT_VACIO', {}, 'no tiene registros'));
    return { version, parcial, printed, errors, locate };
  }

  // ── Pass 2: every field of every record ──
  const checked: CheckedRecord[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i];
    const spec = table[r.id];
    if (!spec) {
      const known = Object.keys(table).join(', ');
      errors.push(
        layoutError('LAYOUT_REGISTRO_DESCONOCIDO', { line: r.line, record: r.id.slice(0, 20) }, `registro desconocido en la versión ${version} del layout (se esperan ${known})`),
      );
      continue;
    }
    const where: Where = { line: r.line, record: r.id };
    if (r.id === '00' && i !== 0) errors.push(layoutError('LAYOUT_ORDEN', where, 'el registro 00 debe ser el primero'));
    if (r.id === '99' && i !== records.length - 1) errors.push(layoutError('LAYOUT_ORDEN', where, 'el registro 99 debe ser el último'));
    if (spec.once && firstLine.has(r.id)) {
      errors.push(layoutError('LAYOUT_ORDEN', where, `el registro ${r.id} (${spec.title}) ya apareció en la línea ${firstLine.get(r.id)!.line}`));
      continue;
    }
    let lastNonEmpty = r.fields.length;
    while (lastNonEmpty > 0 && r.fields[lastNonEmpty - 1] === '') lastNonEmpty--;
    if (lastNonEmpty > spec.fields.length || r.fields.length < spec.min) {
      const expected = spec.min === spec.fields.length ? `${spec.min}` : `de ${spec.min} a ${spec.fields.length}`;
      errors.push(layoutError('LAYOUT_CAMPOS', where, `el registro ${r.id} (${spec.title}) lleva ${expected} campos y tiene ${r.fields.length}`));
      continue;
    }
    const cr: CheckedRecord = { line: r.line, id: r.id, spec, v: [], raw: r.fields, bad: false };
    for (let f = 0; f < spec.fields.length; f++) {
      const fs = spec.fields[f];
      const raw = r.fields[f] ?? '';
      if (raw === '') {
        cr.v.push(undefined);
        if (fs.required) {
          errors.push(layoutError('LAYOUT_REQUERIDO', fieldAt(r, f, fs.name), 'es obligatorio'));
          cr.bad = true;
        }
        continue;
      }
      const long = raw.length > MAX_FIELD_LENGTH ? checkTexto(raw) : undefined;
      if (long && !long.ok) {
        errors.push(layoutError('LAYOUT_LONGITUD', fieldAt(r, f, fs.name), long.problem, raw));
        cr.v.push(undefined);
        cr.bad = true;
        continue;
      }
      const chars = checkCaracteres(raw);
      const c = chars.ok ? checkKind(fs.kind, raw) : chars;
      if (c.ok) cr.v.push(c.value);
      else {
        errors.push(layoutError(c.code as 'LAYOUT_NUMERO', fieldAt(r, f, fs.name), c.problem, raw));
        cr.v.push(undefined);
        cr.bad = true;
      }
    }
    if (!firstLine.has(r.id)) firstLine.set(r.id, cr);
    if (r.id === '05') conceptLines.push(cr);
    checked.push(cr);
  }

  // ── Document structure ──
  const need = (id: string, code: 'LAYOUT_FALTA_00' | 'LAYOUT_FALTA_01' | 'LAYOUT_FALTA_03' | 'LAYOUT_FALTA_05', what: string) => {
    if (!records.some((r) => r.id === id)) errors.push(layoutError(code, {}, `falta el registro ${id} (${what})`));
  };
  need('00', 'LAYOUT_FALTA_00', 'encabezado');
  need('01', 'LAYOUT_FALTA_01', 'comprobante');
  need('03', 'LAYOUT_FALTA_03', 'receptor');
  // A payment receipt's single concept is fixed by the SAT (CRP20111–CRP20122): the service writes it.
  if (!records.some((r) => r.id in RECORDS_PAGOS)) need('05', 'LAYOUT_FALTA_05', 'al menos un concepto');
  const trailer = records[records.length - 1].id === '99' ? firstLine.get('99') : undefined;
  if (trailer && trailer.v[0] !== undefined && Number(trailer.v[0]) !== records.length) {
    errors.push(
      layoutError(
        'LAYOUT_TRAILER',
        { line: trailer.line, record: '99', field: 1, fieldName: 'NumeroLineas' },
        `no es el número de líneas del documento (${records.length})`,
        trailer.v[0],
      ),
    );
  }

  // ── Pass 3: interpret ──
  if (version === '4.0') {
    interpret40(checked, parcial, printed, errors, conceptLines);
    const pagos = interpretPagos(checked, errors);
    if (pagos) parcial.Pagos = pagos;
  }
  else interpretLegacy(checked, parcial, printed, errors);
  // Legacy documents keep the seed's behaviour: its own example repeats 06 and 07 and
  // expects the SAT rules' answer (CFDI40108), so the layout does not refuse them there.
  if (version === '4.0') repeatedTaxes(checked, errors);
  return { version, parcial, printed, errors, locate };
}

// ── shared pieces ────────────────────────────────────────────────────────────

function header(r: CheckedRecord, printed: DatosImpresos) {
  if (r.v[0] !== undefined) printed.referenciaCliente = r.v[0];
  if (r.v[1] !== undefined) printed.tipoCfd = r.v[1];
}

function comprobante(r: CheckedRecord, p: CfdiParcial, printed: DatosImpresos) {
  const v = r.v;
  if (v[0] !== undefined) printed.idInterno = v[0];
  p.Serie = v[1];
  p.Folio = v[2];
  p.Fecha = v[3];
  p.SubTotal = v[4];
  p.Total = v[5];
  if (v[6] !== undefined || v[7] !== undefined) {
    p.Impuestos ??= { Traslados: [], Retenciones: [] };
    if (v[6] !== undefined) p.Impuestos.TotalImpuestosTrasladados = v[6];
    if (v[7] !== undefined) p.Impuestos.TotalImpuestosRetenidos = v[7];
  }
  p.Descuento = v[8];
  if (v[9] !== undefined) printed.motivoDescuento = v[9];
  if (v[10] !== undefined) printed.totalConLetra = v[10];
  p.Moneda = v[11];
  p.TipoCambio = v[12];
  if (v[13] !== undefined) printed.referencia = v[13];
  for (const nota of [v[14], v[15], v[16]]) if (nota !== undefined) printed.notas.push(nota);
}

function domicilio(r: CheckedRecord, printed: DatosImpresos, telefono?: string) {
  const v = r.v;
  const d: DomicilioImpreso = {};
  const keys: Array<[keyof DomicilioImpreso, string | undefined]> = [
    ['pais', v[3]],
    ['calle', v[4]],
    ['noExterior', v[5]],
    ['noInterior', v[6]],
    ['colonia', v[7]],
    ['localidad', v[8]],
    ['referencia', v[9]],
    ['municipio', v[10]],
    ['estado', v[11]],
    ['codigoPostal', v[12]],
    ['telefono', telefono],
  ];
  let any = false;
  for (const [key, val] of keys) {
    if (val !== undefined) {
      d[key] = val;
      any = true;
    }
  }
  if (any) printed.domicilioReceptor = d;
}

function receptorBase(r: CheckedRecord, p: CfdiParcial) {
  const v = r.v;
  p.Receptor = { clave: v[0], Rfc: v[1]?.toUpperCase(), Nombre: v[2], DomicilioFiscalReceptor: v[12] };
}

function envio(r: CheckedRecord, printed: DatosImpresos) {
  const v = r.v;
  printed.envio = {
    direcciones: (v[1] ?? '').split(';').map((s) => s.trim()).filter(Boolean),
    adjuntar: v[4] !== '0',
  };
  if (v[0] !== undefined) printed.envio.receptor = v[0];
  if (v[2] !== undefined) printed.envio.asunto = v[2];
  if (v[3] !== undefined) printed.envio.mensaje = v[3];
}

function concepto(v: Array<string | undefined>): ConceptoParcial {
  return {
    Cantidad: v[2] ?? '',
    Descripcion: v[3],
    ValorUnitario: v[4] ?? '',
    Importe: v[5],
    Unidad: v[6],
    Traslados: [],
    Retenciones: [],
    InformacionAduanera: [],
    CuentaPredial: [],
  };
}

/** A copy without the keys whose value is undefined, so drafts compare and serialise cleanly. */
function prune<T extends object>(o: T): T {
  const out = {} as T;
  for (const k in o) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

// ── version 4.0 ──────────────────────────────────────────────────────────────

function interpret40(recs: CheckedRecord[], p: CfdiParcial, printed: DatosImpresos, errors: LayoutError[], conceptLines: CheckedRecord[]) {
  const byKey = new Map<string, number>();
  const keyLine = new Map<string, number>();
  const groups = new Map<string, CfdiRelacionados>();
  let lastConcept = -1;
  let lastGroup: CfdiRelacionados | undefined;
  /** 05C/05D/05A/05P/05T with, when keyless, the concept right above them. */
  const linked: Array<{ r: CheckedRecord; above: number }> = [];
  /** 02A records with, when keyless, the group right above them. */
  const uuids: Array<{ r: CheckedRecord; above?: CfdiRelacionados }> = [];

  for (const r of recs) {
    const v = r.v;
    switch (r.id) {
      case '00':
        header(r, printed);
        break;
      case '01':
        comprobante(r, p, printed);
        p.TipoDeComprobante = v[17];
        p.MetodoPago = v[18];
        // v[19] LugarExpedicion: the service takes it from the sucursal.
        p.Confirmacion = v[20];
        p.FormaPago = v[21];
        p.CondicionesDePago = v[22];
        p.Exportacion = v[23];
        p.FacAtrAdquirente = v[24];
        break;
      case '02': {
        const key = r.raw[0];
        const g: CfdiRelacionados = { TipoRelacion: v[1] ?? '', CfdiRelacionado: [] };
        if (groups.has(key)) {
          errors.push(layoutError('LAYOUT_CLAVE_DUPLICADA', { line: r.line, record: '02', field: 1, fieldName: 'ClaveGrupo' }, 'ya es la clave de otro grupo de CFDI relacionados', key));
        } else groups.set(key, g);
        lastGroup = g;
        if (!r.bad) p.CfdiRelacionados.push(g);
        break;
      }
      case '02A':
        uuids.push({ r, above: lastGroup });
        break;
      case '03':
        receptorBase(r, p);
        domicilio(r, printed);
        Object.assign(p.Receptor, prune({ ResidenciaFiscal: v[13], NumRegIdTrib: v[14], UsoCFDI: v[15], RegimenFiscalReceptor: v[16] }));
        break;
      case '05': {
        const c = concepto(v);
        c.ClaveProdServ = v[0];
        c.NoIdentificacion = v[1];
        c.codigo = v[1];
        c.ClaveUnidad = v[7];
        c.Descuento = v[8];
        c.ObjetoImp = v[10];
        const key = v[9];
        lastConcept = p.Conceptos.length;
        if (key !== undefined) {
          if (byKey.has(key)) {
            errors.push(
              layoutError('LAYOUT_CLAVE_DUPLICADA', { line: r.line, record: '05', field: 10, fieldName: 'ClaveConcepto' }, `ya es la clave del concepto de la línea ${keyLine.get(key)}`, key),
            );
          } else {
            byKey.set(key, lastConcept);
            keyLine.set(key, r.line);
          }
        }
        p.Conceptos.push(prune(c));
        printed.conceptos.push({});
        break;
      }
      case '05C':
      case '05D':
      case '05A':
      case '05P':
      case '05T':
        // Resolved once every concept key is known; keyless ones belong to the 05 above.
        linked.push({ r, above: lastConcept });
        break;
      case '06': {
        const tf = v[3] ?? 'Tasa';
        const t = prune({ Impuesto: v[0] ?? '', TipoFactor: tf, TasaOCuota: tasa(r, 1, tf, errors), Importe: v[2], Base: v[4] });
        (p.Impuestos ??= { Traslados: [], Retenciones: [] }).Traslados.push(t);
        break;
      }
      case '07':
        (p.Impuestos ??= { Traslados: [], Retenciones: [] }).Retenciones.push(prune({ Impuesto: v[0] ?? '', Importe: v[1] }));
        break;
      case '08':
        if (!r.bad) p.InformacionGlobal = { Periodicidad: v[0]!, Meses: v[1]!, Año: v[2]! };
        break;
      case '09':
        envio(r, printed);
        break;
    }
  }

  for (const { r, above } of uuids) {
    const key = r.v[0];
    const fw: Where = { line: r.line, record: '02A', field: 1, fieldName: 'ClaveGrupo' };
    // Keyless: belongs to the 02 right above it.
    const g = key === undefined ? above : groups.get(key);
    if (!g) {
      if (key === undefined) errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', fw, 'no hay un registro 02 antes de este CFDI relacionado'));
      else errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', fw, 'no es la clave de ningún registro 02', key));
    } else if (r.v[1]) g.CfdiRelacionado.push({ UUID: r.v[1] });
  }

  /** Concept index → line of its 05T: a concept holds one ACuentaTerceros (cfdv40.xsd, minOccurs 0, maxOccurs 1). */
  const terceros = new Map<number, number>();
  for (const { r, above } of linked) {
    const key = r.v[0];
    const idx = key === undefined ? (above < 0 ? undefined : above) : byKey.get(key);
    const fw: Where = { line: r.line, record: r.id, field: 1, fieldName: 'ClaveConcepto' };
    if (idx === undefined) {
      if (key === undefined) errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', fw, `no hay un registro 05 antes de este registro ${r.id}`));
      else errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', fw, 'no es la clave de ningún concepto (registro 05, campo 10)', key));
      continue;
    }
    if (r.id === '05T') {
      const first = terceros.get(idx);
      if (first !== undefined) {
        errors.push(layoutError('LAYOUT_REPETIDO', { line: r.line, record: r.id },
          `el concepto de la línea ${conceptLines[idx].line} ya tiene un registro 05T en la línea ${first}; un concepto lleva un solo ACuentaTerceros`));
        continue;
      }
      terceros.set(idx, r.line);
    }
    if (r.bad) continue;
    const c = p.Conceptos[idx];
    const v = r.v;
    switch (r.id) {
      case '05C': {
        const tf = v[3] ?? 'Tasa';
        const t: TrasladoConceptoDraft = prune({ Base: v[1], Impuesto: v[2]!, TipoFactor: tf, TasaOCuota: tasa(r, 4, tf, errors), Importe: v[5] });
        if (tf !== 'Exento' && t.TasaOCuota === undefined && v[4] === undefined) {
          errors.push(layoutError('LAYOUT_REQUERIDO', { line: r.line, record: r.id, field: 5, fieldName: 'TasaOCuota' }, `es obligatorio con TipoFactor ${tf}`));
        }
        c.Traslados.push(t);
        break;
      }
      case '05D': {
        const tf = v[3] ?? 'Tasa';
        const rate = tasa(r, 4, tf, errors);
        if (rate === undefined && v[4] === undefined) {
          errors.push(layoutError('LAYOUT_REQUERIDO', { line: r.line, record: r.id, field: 5, fieldName: 'TasaOCuota' }, 'es obligatorio en una retención'));
        }
        const t: RetencionConceptoDraft = prune({ Base: v[1], Impuesto: v[2]!, TipoFactor: tf, TasaOCuota: rate ?? '', Importe: v[5] });
        c.Retenciones.push(t);
        break;
      }
      case '05A':
        c.InformacionAduanera.push({ NumeroPedimento: v[1]! });
        break;
      case '05P':
        c.CuentaPredial.push({ Numero: v[1]! });
        break;
      case '05T':
        c.ACuentaTerceros = {
          RfcACuentaTerceros: v[1]!,
          NombreACuentaTerceros: v[2]!,
          RegimenFiscalACuentaTerceros: v[3]!,
          DomicilioFiscalACuentaTerceros: v[4]!,
        };
        break;
    }
  }
}

/**
 * Version 4.0 document taxes the CFDI holds once: one traslado per Impuesto, TipoFactor
 * and TasaOCuota (CFDI40218), one retención per Impuesto (CFDI40208). A repeated 06/07 is
 * refused here, naming both lines, rather than later by the SAT rule, which cannot say
 * where they are.
 */
function repeatedTaxes(recs: CheckedRecord[], errors: LayoutError[]) {
  const seen = new Map<string, number>();
  for (const r of recs) {
    if ((r.id !== '06' && r.id !== '07') || r.bad) continue;
    const impuesto = r.v[0]!;
    let combination = impuesto;
    if (r.id === '06') {
      const tf = r.v[3] ?? 'Tasa';
      const rate = r.v[1] === undefined ? undefined : checkTasaOCuota(r.v[1], tf);
      if (rate && !rate.ok) continue; // reported by the interpreter
      combination = [impuesto, tf, ...(rate ? [rate.value] : [])].join(', ');
    }
    const k = `${r.id}|${combination}`;
    const first = seen.get(k);
    if (first === undefined) {
      seen.set(k, r.line);
      continue;
    }
    const what = r.id === '06'
      ? `repite el impuesto trasladado de la línea ${first} (${combination}); el CFDI lleva un solo traslado por combinación de impuesto, factor y tasa`
      : `repite el impuesto retenido de la línea ${first} (${combination}); el CFDI lleva una sola retención por impuesto`;
    errors.push(layoutError('LAYOUT_REPETIDO', { line: r.line, record: r.id }, what));
  }
}

/** Field `pos` (0-based) of a record as a six-decimal TasaOCuota; `undefined` when empty or bad (error reported). */
export function tasa(r: CheckedRecord, pos: number, tipoFactor: string, errors: LayoutError[]): string | undefined {
  const raw = r.v[pos];
  if (raw === undefined) return undefined;
  const c = checkTasaOCuota(raw, tipoFactor);
  if (c.ok) return c.value;
  errors.push(layoutError('LAYOUT_NUMERO', { line: r.line, record: r.id, field: pos + 1, fieldName: r.spec.fields[pos].name }, c.problem, raw));
  return undefined;
}

// ── legacy ───────────────────────────────────────────────────────────────────

function interpretLegacy(recs: CheckedRecord[], p: CfdiParcial, printed: DatosImpresos, errors: LayoutError[]) {
  const byCode = new Map<string, number[]>();
  const traslados: ImpuestoPerfil[] = [];
  const retenidos: string[] = [];
  let anyTax = false;
  const aduanas: CheckedRecord[] = [];
  const impuestos = (): ImpuestosDraft => (p.Impuestos ??= { Traslados: [], Retenciones: [] });

  for (const r of recs) {
    const v = r.v;
    switch (r.id) {
      case '00':
        header(r, printed);
        break;
      case '01':
        comprobante(r, p, printed);
        break;
      case '02':
        p.MetodoPago = v[0];
        p.CondicionesDePago = v[1];
        p.FormaPago = v[2];
        if (v[0] !== undefined) printed.formaDePagoTexto = r.raw[0];
        if (v[2] !== undefined) printed.metodoDePagoTexto = r.raw[2];
        if (v[3] !== undefined) printed.fechaVencimiento = v[3];
        if (v[4] !== undefined) printed.leyenda = v[4];
        break;
      case '03':
        receptorBase(r, p);
        domicilio(r, printed, v[13]);
        break;
      case '05': {
        const c = concepto(v);
        c.codigo = v[0];
        c.NoIdentificacion = v[0];
        if (v[0] !== undefined) {
          const list = byCode.get(v[0]);
          if (list) list.push(p.Conceptos.length);
          else byCode.set(v[0], [p.Conceptos.length]);
        }
        p.Conceptos.push(prune(c));
        printed.conceptos.push(prune<ConceptoImpreso>({ codigoSecundario: v[1], categoria: v[7], referencia: v[8] }));
        break;
      }
      case '06': {
        anyTax = true;
        const rate = tasa(r, 1, 'Tasa', errors);
        if (v[0] === undefined || rate === undefined) break;
        impuestos().Traslados.push(prune({ Impuesto: v[0], TipoFactor: 'Tasa', TasaOCuota: rate, Importe: v[2] }));
        if (!traslados.some((t) => t.Impuesto === v[0] && t.TasaOCuota === rate)) traslados.push({ Impuesto: v[0], TipoFactor: 'Tasa', TasaOCuota: rate });
        break;
      }
      case '07':
        anyTax = true;
        if (v[0] === undefined) break;
        impuestos().Retenciones.push(prune({ Impuesto: v[0], Importe: v[1] }));
        if (!retenidos.includes(v[0])) retenidos.push(v[0]);
        break;
      case '08':
        aduanas.push(r);
        break;
      case '09':
        envio(r, printed);
        break;
    }
  }
  if (anyTax) p.documentTaxes = { traslados, retenidos };

  for (const r of aduanas) {
    const code = r.v[0];
    if (code === undefined) continue;
    const fw: Where = { line: r.line, record: '08', field: 1, fieldName: 'CodigoProducto' };
    const idx = byCode.get(code);
    if (!idx) {
      errors.push(layoutError('LAYOUT_CLAVE_HUERFANA', fw, 'no es el código de ningún concepto (registro 05, campo 1)', code));
      continue;
    }
    if (idx.length > 1) {
      errors.push(layoutError('LAYOUT_CLAVE_DUPLICADA', fw, `es el código de ${idx.length} conceptos; la información aduanera no sabe a cuál pertenece`, code));
      continue;
    }
    const i = idx[0];
    const ci = printed.conceptos[i];
    if (r.v[1] !== undefined) ci.aduana = r.v[1];
    if (r.v[2] !== undefined) ci.fechaPedimento = r.v[2];
    if (r.v[3] !== undefined) {
      const info: InformacionAduanera = { NumeroPedimento: r.v[3] };
      p.Conceptos[i].InformacionAduanera.push(info);
    }
  }
}
