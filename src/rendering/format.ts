/**
 * Display formatting of CFDI values. Amounts stay exactly as written in the XML (same
 * decimals): only thousands separators are added, so the printed figure is the fiscal one.
 */

/** `"43428.14"` → `"43,428.14"`; `"-1234"` → `"-1,234"`; anything else unchanged. */
export function groupThousands(amount: string): string {
  const m = /^(-?)(\d+)(\.\d*)?$/.exec(amount);
  if (!m || m[2].length <= 3) return amount;
  const digits = m[2];
  const lead = digits.length % 3 || 3;
  let int = digits.slice(0, lead);
  for (let i = lead; i < digits.length; i += 3) int += `,${digits.slice(i, i + 3)}`;
  return `${m[1]}${int}${m[3] ?? ''}`;
}

/**
 * A TasaOCuota as a percentage, exact (decimal shift, no floats):
 * `"0.160000"` → `"16%"`, `"0.106667"` → `"10.6667%"`, `"0.000000"` → `"0%"`.
 */
export function percent(tasa: string): string {
  const m = /^(\d+)\.?(\d*)$/.exec(tasa);
  if (!m) return tasa;
  const frac = m[2].padEnd(2, '0');
  const int = (m[1] + frac.slice(0, 2)).replace(/^0+(?=\d)/, '');
  const rest = frac.slice(2).replace(/0+$/, '');
  return `${int}${rest ? `.${rest}` : ''}%`;
}

/** `"code - description"`, or the bare code when the catalog has no description. */
export function coded(code: string, description: string | undefined): string {
  return description && description !== code ? `${code} - ${description}` : code;
}
