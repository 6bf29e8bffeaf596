/**
 * E-mail addresses as clients write them (record 09 field 2, `envio.direcciones`, the
 * receptores directory): separated by `;` (or `,`), checked for a plausible shape. A bad
 * address never fails the CFDI: it is reported among the delivery's rejected recipients.
 */

// One @, no spaces, no characters that end an address or start a header, a dot in the domain.
const ADDRESS = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]+$/u;

export function isAddress(s: string): boolean {
  return s.length <= 254 && ADDRESS.test(s);
}

/** Splits a `;`/`,` separated list; empty items are dropped. */
export function splitAddresses(list: string | undefined): string[] {
  return (list ?? '').split(/[;,]/).map((s) => s.trim()).filter(Boolean);
}

/** Unique (case-insensitively), valid first; the invalid ones apart. */
export function partition(addresses: readonly string[]): { valid: string[]; invalid: string[] } {
  const seen = new Set<string>();
  const valid: string[] = [];
  const invalid: string[] = [];
  for (const a of addresses) {
    const key = a.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    (isAddress(a) ? valid : invalid).push(a);
  }
  return { valid, invalid };
}
