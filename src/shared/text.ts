/**
 * Text measured as the SAT's schemas and JSON Schema measure it: in characters (Unicode
 * code points), not UTF-16 units, so `🎂` is one character, not two.
 */

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Number of characters (code points) of `s`; an unpaired surrogate counts as one. */
export function charLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length - 1; i++) {
    if (isHigh(s.charCodeAt(i)) && isLow(s.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

/** The first `max` characters of `s`, never cutting a surrogate pair in half. */
export function sliceChars(s: string, max: number): string {
  if (s.length <= max) return s;
  let units = 0;
  for (let n = 0; n < max && units < s.length; n++) units += isHigh(s.charCodeAt(units)) && isLow(s.charCodeAt(units + 1)) ? 2 : 1;
  return s.slice(0, units);
}

/** A value quoted for an error message, shortened (between characters) so that a huge value cannot flood the response. */
export function quoteValue(v: string): string {
  return JSON.stringify(v.length > 80 && charLength(v) > 80 ? `${sliceChars(v, 77)}...` : v);
}
