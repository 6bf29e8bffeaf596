/**
 * Comprobante@Fecha is the local time of LugarExpedicion (CFDI40101). Mexico has four
 * time zones and, since October 2022, no daylight saving time except along the US
 * border. The full c_CodigoPostal catalog carries the zone per CP; without it we map
 * the CP's state prefix, which is exact except for a handful of border CPs.
 */
const ZONES: Array<[from: number, to: number, zone: string]> = [
  [21000, 22999, 'America/Tijuana'], // Baja California
  [23000, 23999, 'America/Mazatlan'], // Baja California Sur
  [31000, 33999, 'America/Chihuahua'], // Chihuahua (border municipalities follow US DST: America/Ciudad_Juarez)
  [63000, 63999, 'America/Mazatlan'], // Nayarit (most of it)
  [77000, 77999, 'America/Cancun'], // Quintana Roo
  [80000, 82999, 'America/Mazatlan'], // Sinaloa
  [83000, 85999, 'America/Hermosillo'], // Sonora
];

export function timeZoneOfCodigoPostal(cp: string): string {
  const n = Number(cp);
  for (const [from, to, zone] of ZONES) if (n >= from && n <= to) return zone;
  return 'America/Mexico_City';
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** `AAAA-MM-DDThh:mm:ss` in the given zone. */
export function localFecha(at: Date, timeZone: string): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  const p = Object.fromEntries(f.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second}`;
}

const FECHA_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/;

/** The instant a Fecha names, read in the zone of its CP of issue; undefined when it is not a t_FechaH. */
export function instantOfFecha(fecha: string, codigoPostal: string): Date | undefined {
  const m = FECHA_RE.exec(fecha);
  if (!m) return undefined;
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (Number.isNaN(asUtc)) return undefined;
  const zone = timeZoneOfCodigoPostal(codigoPostal);
  // The zone's offset at the guessed instant, then once more at the corrected one (a DST change in between).
  const offsetAt = (t: number) => Date.parse(`${localFecha(new Date(t), zone)}Z`) - t;
  let t = asUtc - offsetAt(asUtc);
  t = asUtc - offsetAt(t);
  return new Date(t);
}

/** PACs refuse a Fecha more than 72 hours before stamping (PAC code 401). */
export const FECHA_MAX_ANTIGUEDAD_MS = 72 * 3_600_000;
/** A Fecha ahead of the clock is refused; this much is allowed for clocks that differ. */
export const FECHA_MAX_ADELANTO_MS = 5 * 60_000;

export interface FechaFueraDeRango {
  problema: 'futura' | 'vencida';
  /** The instant the Fecha names (read in the CP's zone). */
  instante: Date;
}

/**
 * Whether a PAC stamping at `now` would refuse this Fecha: ahead of its clock (beyond
 * FECHA_MAX_ADELANTO_MS) or older than 72 hours. A Fecha that is not a t_FechaH is left
 * to the schema rules (undefined).
 */
export function fechaFueraDeRango(fecha: string, codigoPostal: string, now: Date): FechaFueraDeRango | undefined {
  const instante = instantOfFecha(fecha, codigoPostal);
  if (!instante) return undefined;
  const ms = instante.getTime() - now.getTime();
  if (ms > FECHA_MAX_ADELANTO_MS) return { problema: 'futura', instante };
  if (-ms > FECHA_MAX_ANTIGUEDAD_MS) return { problema: 'vencida', instante };
  return undefined;
}
