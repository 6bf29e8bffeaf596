/**
 * NumeroPedimento (`AA  AD  PPPP  NNNNNNN`: year, aduana, patente, then the last digit of
 * the year followed by a 6-digit progressive number) against c_Aduana, c_PatenteAduanal
 * and c_NumPedimentoAduana (CFDI40194, CFDI40199).
 */
import type { Reporter } from './define-rule.ts';
import { largeLookup } from './helpers.ts';
import type { RuleContext } from './rule.ts';

const PEDIMENTO_RE = /^([0-9]{2}) {2}([0-9]{2}) {2}([0-9]{4}) {2}([0-9])([0-9]{6})$/;

export function checkPedimento(r: Reporter, ctx: RuleContext, numero: string, node: string): void {
  const place = { node, attribute: 'NumeroPedimento', value: numero };
  const m = PEDIMENTO_RE.exec(numero);
  if (!m) return r.error({ ...place, detail: 'format AA␣␣AD␣␣PPPP␣␣NNNNNNN' });
  const [, aa, aduana, patente, digitoAño, progresivo] = m;
  if (digitoAño !== aa[1]) return r.error({ ...place, detail: `the 7-digit number must start with the last digit of the year (${aa[1]})` });
  const ad = largeLookup(ctx, 'c_Aduana', aduana);
  if (ad.kind === 'missing') return r.error({ ...place, detail: `aduana ${aduana} is not in c_Aduana` });
  const pa = largeLookup(ctx, 'c_PatenteAduanal', patente);
  if (pa.kind === 'missing') return r.error({ ...place, detail: `patente ${patente} is not in c_PatenteAduanal` });
  const ejercicio = `20${aa}`;
  const np = largeLookup(ctx, 'c_NumPedimentoAduana', `${aduana}|${patente}|${ejercicio}`);
  const unknown = [ad, pa, np].find((l) => l.kind === 'unknown');
  if (unknown?.kind === 'unknown') return r.notChecked(unknown.detail, place);
  if (np.kind === 'missing') {
    // The SAT publishes this catalog late; a missing year is not proof of an invalid pedimento.
    return r.notChecked(`el catálogo c_NumPedimentoAduana no tiene la aduana ${aduana}, patente ${patente}, ejercicio ${ejercicio} (el SAT lo publica con retraso)`, place);
  }
  if (np.kind === 'found' && Number(progresivo) > Number(np.row.cantidad)) {
    r.error({ ...place, detail: `progressive ${progresivo} exceeds ${np.row.cantidad} authorised for ${ejercicio}` });
  }
}
