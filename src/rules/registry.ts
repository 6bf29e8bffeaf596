/**
 * The SAT registers some rules need (LRFC "RFC inscritos no cancelados", LCO, the
 * PAC's confirmation keys, the adquirente validator, the reference exchange rate)
 * are not public downloads. Rules read them through this pluggable source; by
 * default it is the empresa's own data (receptores directory, CSD), and a rule whose
 * data the source lacks reports `notChecked`, never a guess.
 */
import type { Comprobante } from '../cfdi/model.ts';

/** What a register knows about one RFC. Absent fields are unknown. */
export interface Contribuyente {
  rfc: string;
  /** In the SAT list of RFC inscritos no cancelados; undefined when the source cannot tell. */
  inscrito?: boolean;
  nombre?: string;
  /** CP of the fiscal address. */
  domicilioFiscal?: string;
}

export type ConfirmacionStatus = 'valida' | 'invalida' | 'usada';

/** A source of SAT-register data. Every method is optional: a missing one means "unknown". */
export interface SatRegistrySource {
  /** Name shown in client-facing reasons (Spanish), e.g. `el directorio de receptores de la empresa`. */
  readonly name: string;
  contribuyente?(rfc: string): Promise<Contribuyente | undefined>;
  /** Name of the titular of the emisor's CSD, used when the document carries no Certificado. */
  titularCsd?(rfcEmisor: string): Promise<string | undefined>;
  /** Whether the RFC is in the LCO (has a valid CSD). */
  enLco?(rfc: string): Promise<boolean | undefined>;
  /** The reference exchange rate (pesos per unit) for a currency at a date. */
  tipoCambioReferencia?(moneda: string, fecha: string): Promise<string | undefined>;
  /** Status of a Confirmacion key obtained from the PAC. */
  confirmacion?(clave: string, c: Comprobante): Promise<ConfirmacionStatus | undefined>;
  /** Whether the FacAtrAdquirente operation number is valid for this emisor. */
  facAtrAdquirente?(numeroOperacion: string, c: Comprobante): Promise<boolean | undefined>;
}

/** Register data for one document, preloaded so rules stay synchronous. */
export interface RegistryData {
  source: string;
  /** RFC → what the source knows; an RFC absent from the map is unknown. */
  contribuyentes: ReadonlyMap<string, Contribuyente>;
  titularCsd?: string;
  /** RFC → in LCO; absent is unknown. */
  lco: ReadonlyMap<string, boolean>;
  tipoCambioReferencia?: string;
  confirmacion?: ConfirmacionStatus;
  facAtrAdquirente?: boolean;
}

export const RFC_PUBLICO_GENERAL = 'XAXX010101000';
export const RFC_EXTRANJERO = 'XEXX010101000';

/** Queries the source for everything the document refers to. */
export async function preloadRegistry(c: Comprobante, source: SatRegistrySource): Promise<RegistryData> {
  const rfcs = new Set<string>();
  if (c.Receptor.Rfc !== RFC_PUBLICO_GENERAL && c.Receptor.Rfc !== RFC_EXTRANJERO) rfcs.add(c.Receptor.Rfc);
  for (const k of c.Conceptos) if (k.ACuentaTerceros) rfcs.add(k.ACuentaTerceros.RfcACuentaTerceros);
  const contribuyentes = new Map<string, Contribuyente>();
  const lco = new Map<string, boolean>();
  await Promise.all(
    [...rfcs].map(async (rfc) => {
      const info = await source.contribuyente?.(rfc);
      if (info) contribuyentes.set(rfc, info);
      const inLco = await source.enLco?.(rfc);
      if (inLco !== undefined) lco.set(rfc, inLco);
    }),
  );
  const data: RegistryData = { source: source.name, contribuyentes, lco };
  data.titularCsd = await source.titularCsd?.(c.Emisor.Rfc);
  if (c.TipoCambio !== undefined && c.Moneda !== 'MXN' && c.Moneda !== 'XXX') {
    data.tipoCambioReferencia = await source.tipoCambioReferencia?.(c.Moneda, c.Fecha);
  }
  if (c.Confirmacion !== undefined) data.confirmacion = await source.confirmacion?.(c.Confirmacion, c);
  if (c.Emisor.FacAtrAdquirente !== undefined) {
    data.facAtrAdquirente = await source.facAtrAdquirente?.(c.Emisor.FacAtrAdquirente, c);
  }
  return data;
}

/** The subset of a receptores directory entry the default source reads. */
export interface DirectoryReceptor {
  rfc: string;
  nombre?: string;
  domicilioFiscal?: string;
}

/**
 * The default source: the empresa's receptores directory (name and CP the empresa has on
 * file for an RFC) and the titular of its CSD. It cannot tell whether an RFC is in the
 * SAT's lists, so LRFC/LCO-only rules stay `notChecked`.
 */
export function directoryRegistry(opts: {
  findReceptor?: (rfc: string) => Promise<DirectoryReceptor | undefined>;
  /** The emisor's CSD titular: RFC and name as the certificate states it. */
  csd?: { rfc: string; nombre: string };
}): SatRegistrySource {
  return {
    name: 'el directorio de receptores de la empresa',
    async contribuyente(rfc) {
      const r = await opts.findReceptor?.(rfc);
      if (!r || r.rfc !== rfc) return undefined;
      return { rfc, nombre: r.nombre, domicilioFiscal: r.domicilioFiscal };
    },
    async titularCsd(rfc) {
      return opts.csd && opts.csd.rfc === rfc ? opts.csd.nombre : undefined;
    },
  };
}
