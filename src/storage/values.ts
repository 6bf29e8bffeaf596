/**
 * Pure value conversions shared by the storage adapters, so that SQLite and
 * PostgreSQL store and compare the same things the same way.
 */

/** An instant as stored: ISO 8601 UTC with milliseconds, so text order is time order. */
export function isoInstant(value: string | Date): string {
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${String(value)}`);
  return d.toISOString();
}

const BARE_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Bounds on Comprobante@Fecha (stored as written: `YYYY-MM-DDThh:mm:ss`, local time of
 * the LugarExpedicion). Text comparison is exact for that fixed-width format.
 * A bare date as the final bound includes that whole day, so it becomes an exclusive
 * bound on the next day; a full timestamp stays inclusive.
 */
export function fechaBounds(fechaInicial?: string, fechaFinal?: string): { from?: string; toInclusive?: string; toExclusive?: string } {
  const r: { from?: string; toInclusive?: string; toExclusive?: string } = {};
  if (fechaInicial) r.from = fechaInicial;
  if (fechaFinal) {
    // The day after 9999-12-31 has no four-digit year: that bound is no bound.
    if (BARE_DATE.test(fechaFinal)) {
      if (fechaFinal !== '9999-12-31') r.toExclusive = nextDay(fechaFinal);
    }
    else r.toInclusive = fechaFinal;
  }
  return r;
}

function nextDay(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) throw new RangeError(`not a date: ${date}`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** Numeric value of a folio for range filters; null when the folio is not a plain number. */
export function folioNumber(folio: string | undefined | null): number | null {
  if (folio == null || !/^\d{1,15}$/.test(folio)) return null;
  return Number(folio);
}

/** Copies an object without its null and undefined members (rows → port objects). */
export function compact<T extends object>(o: { [K in keyof T]: T[K] | null | undefined }): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== null && v !== undefined) out[k] = v;
  return out as T;
}

/** Last row wins for duplicate keys: one upsert statement may not touch a row twice. */
export function lastByKey<T>(rows: readonly T[], key: (r: T) => string): T[] {
  const m = new Map<string, T>();
  for (const r of rows) m.set(key(r), r);
  return [...m.values()];
}

/** Schema names are interpolated into SQL and channel names: keep them to plain identifiers. */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,39}$/.test(schema)) throw new RangeError(`invalid schema name: ${schema}`);
  return schema;
}
