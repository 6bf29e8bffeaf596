/**
 * LayoutError construction: one Spanish message shape for every connector, e.g.
 * `Línea 4 (05), campo 3 Cantidad: "dos" no es un número` (text layout) or
 * `Campo /Conceptos/0/Cantidad: "dos" no es un número` (json).
 */
import type { LayoutError } from './connector.ts';
import type { ErrorCode } from '../shared/errors.ts';
import { quote } from './values.ts';
import { sliceChars } from '../shared/text.ts';

/** Where a value lives in the client's document. */
export interface Where {
  line?: number;
  record?: string;
  field?: number;
  /** Field name; for json, the JSON pointer. */
  fieldName?: string;
}

export function prefix(w: Where): string {
  if (w.line !== undefined) {
    const head = `Línea ${w.line}${w.record ? ` (${w.record})` : ''}`;
    return w.field !== undefined ? `${head}, campo ${w.field} ${w.fieldName ?? ''}`.trimEnd() : head;
  }
  if (w.fieldName) return `Campo ${w.fieldName}`;
  return 'Documento';
}

/** `problem` is the predicate: `no es un número`, `es obligatorio`, … */
export function layoutError(code: ErrorCode, w: Where, problem: string, value?: string): LayoutError {
  const message = value !== undefined ? `${prefix(w)}: ${quote(value)} ${problem}` : `${prefix(w)}: ${problem}`;
  const e: LayoutError = { code, message };
  if (w.line !== undefined) e.line = w.line;
  if (w.record !== undefined) e.record = w.record;
  if (w.field !== undefined) e.field = w.field;
  if (w.fieldName !== undefined) e.fieldName = w.fieldName;
  if (value !== undefined) e.value = sliceChars(value, 200);
  return e;
}

/** Reported at most; a garbage upload must not produce a response of megabytes. */
export const MAX_ERRORS = 1000;

/** Caps a list of errors, adding one that says how many were left out. */
export function capErrors(errors: LayoutError[]): LayoutError[] {
  if (errors.length <= MAX_ERRORS) return errors;
  const rest = errors.length - MAX_ERRORS;
  return [
    ...errors.slice(0, MAX_ERRORS),
    { code: 'LAYOUT_DEMASIADOS_ERRORES', message: `Documento: se omiten ${rest} errores más (se informan los primeros ${MAX_ERRORS})` },
  ];
}
