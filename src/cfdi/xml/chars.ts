/**
 * Characters XML 1.0 cannot carry at all, not even as a character reference: C0
 * controls other than TAB/LF/CR, U+FFFE, U+FFFF and unpaired surrogates. A CFDI value
 * holding one can never be written, so the connectors refuse it where the client wrote
 * it and the pipeline checks the finished Comprobante again before a folio is assigned.
 */

/** In unicode mode a paired surrogate is one code point, so only unpaired ones match. */
export const NOT_XML_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uD800-\uDFFF\uFFFE\uFFFF]/u;

/** `U+0001`. */
export function hexCodePoint(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The first code point of `v` that XML 1.0 cannot carry, or undefined. */
export function unwritableChar(v: string): number | undefined {
  const i = v.search(NOT_XML_CHAR);
  return i < 0 ? undefined : (v.codePointAt(i) as number);
}

/** Spanish predicate for an error message: `contiene el carácter U+0001 (de control), que un CFDI no puede llevar`. */
export function unwritableProblem(cp: number): string {
  const kind = cp < 0x20 ? ' (de control)' : cp >= 0xd800 && cp <= 0xdfff ? ' (sustituto UTF-16 sin pareja)' : ' (no es un carácter)';
  return `contiene el carácter ${hexCodePoint(cp)}${kind}, que un CFDI no puede llevar (XML 1.0); quítelo`;
}

export interface UnwritableValue {
  /** Dotted path of the value in the object, e.g. `Conceptos.0.Descripcion`. */
  path: string;
  value: string;
  codePoint: number;
}

/** Every string value, at any depth of `o`, that holds a character XML 1.0 cannot carry. */
export function findUnwritable(o: unknown, path = ''): UnwritableValue[] {
  const out: UnwritableValue[] = [];
  const walk = (v: unknown, p: string): void => {
    if (typeof v === 'string') {
      const cp = unwritableChar(v);
      if (cp !== undefined) out.push({ path: p, value: v, codePoint: cp });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) walk(v[i], p ? `${p}.${i}` : String(i));
    } else if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
    }
  };
  walk(o, path);
  return out;
}
