/**
 * Dates that clients send as parameters (query strings, filters): `AAAA-MM-DD` or
 * `AAAA-MM-DDThh:mm:ss` (a space instead of the T is accepted), checked against the
 * calendar, so that no impossible date reaches storage (2026-13-45 once was a 500,
 * 2026-02-30 a silent 204). Every route that takes a date uses this one parser.
 */

const FORMATO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2}))?$/;

export interface FechaParametro {
  /** Normalised: `AAAA-MM-DD` or `AAAA-MM-DDThh:mm:ss`. */
  valor: string;
  /** True for a bare date (no time of day). */
  soloFecha: boolean;
}

function diasDelMes(anio: number, mes: number): number {
  if (mes === 2) return anio % 4 === 0 && (anio % 100 !== 0 || anio % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(mes) ? 30 : 31;
}

/** The parsed date, or the reason (Spanish, for the client) why `texto` is not one. */
export function parseFecha(texto: string): FechaParametro | { error: string } {
  const m = FORMATO.exec(texto);
  if (!m) return { error: 'debe tener el formato AAAA-MM-DD o AAAA-MM-DDThh:mm:ss' };
  const [anio, mes, dia] = [Number(m[1]), Number(m[2]), Number(m[3])];
  // Year 0000 does not exist in the civil calendar; nothing fiscal predates 1000.
  if (anio < 1000) return { error: 'el año debe ser de 1000 a 9999' };
  if (mes < 1 || mes > 12) return { error: 'el mes debe ser de 01 a 12' };
  const maxDia = diasDelMes(anio, mes);
  if (dia < 1 || dia > maxDia) return { error: `el día debe ser de 01 a ${maxDia} en ${m[1]}-${m[2]}` };
  if (m[4] === undefined) return { valor: `${m[1]}-${m[2]}-${m[3]}`, soloFecha: true };
  const [h, min, s] = [Number(m[4]), Number(m[5]), Number(m[6])];
  if (h > 23 || min > 59 || s > 59) return { error: 'la hora debe estar entre 00:00:00 y 23:59:59' };
  return { valor: `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}`, soloFecha: false };
}

/**
 * A date parameter or the caller's error naming it, e.g.
 * `fechaFinal "2026-13-45" no es una fecha válida: el mes debe ser de 01 a 12`.
 */
export function fechaParametro(nombre: string, texto: string, fail: (mensaje: string) => Error): FechaParametro {
  const r = parseFecha(texto);
  if ('error' in r) throw fail(`${nombre} "${texto}" no es una fecha válida: ${r.error}`);
  return r;
}

/**
 * Both bounds of a date range, checked and in order. A bare final date includes its
 * whole day, so `fechaInicial=2026-03-01&fechaFinal=2026-03-01` is one day, not empty.
 */
export function rangoFechas(
  inicial: { nombre: string; texto?: string },
  final: { nombre: string; texto?: string },
  fail: (mensaje: string) => Error,
): { inicial?: FechaParametro; final?: FechaParametro } {
  const a = inicial.texto === undefined ? undefined : fechaParametro(inicial.nombre, inicial.texto, fail);
  const b = final.texto === undefined ? undefined : fechaParametro(final.nombre, final.texto, fail);
  if (a && b) {
    const fin = b.soloFecha ? `${b.valor}T23:59:59` : b.valor;
    if (a.valor > fin) throw fail(`${inicial.nombre} (${a.valor}) es posterior a ${final.nombre} (${b.valor})`);
  }
  return { inicial: a, final: b };
}
