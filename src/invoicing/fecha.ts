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

/** The instant of a local `AAAA-MM-DDThh:mm:ss` in the given zone (to the second; DST gaps resolve forward). */
export function instantOfLocal(fecha: string, timeZone: string): Date {
  const asUtc = Date.parse(`${fecha}Z`);
  if (Number.isNaN(asUtc)) return new Date(NaN);
  // The zone's offset at about that moment, applied twice so a change of offset in between is followed.
  let t = asUtc;
  for (let i = 0; i < 2; i++) t = asUtc - (Date.parse(`${localFecha(new Date(t), timeZone)}Z`) - t);
  return new Date(t);
}

/** The SAT stamps a CFDI only within 72 hours of its Fecha (../shared/docs/pac-protocols.md §0.2). */
export const VENTANA_TIMBRADO_MS = 72 * 3_600_000;
