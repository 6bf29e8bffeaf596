/**
 * What every PAC double shares: a real stamping engine (the offline test PAC: it checks
 * the Sello, the CSD and the 72-hour window and signs a real TFD), the PAC's memory of
 * what it stamped (one UUID per distinct sealed XML), and fault injection for the
 * protocol layer. The wire formats live in sw-double.ts and finkok-double.ts.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createTestPacStamper, generateTestPacCredentials } from '../../src/stamping/test-pac/index.ts';
import { StampError } from '../../src/stamping/stamper.ts';
import { createSatSimulado, type SatSimulado } from '../../src/stamping/test-pac/sat.ts';
import type { CfdiCancelable, DocumentoRelacionado } from '../../src/rules/cancelacion/types.ts';

/**
 * - `corte`: stamps, then drops the connection without an answer;
 * - `error500`: answers 500 without stamping;
 * - `cuelga`: stamps, then never answers (the client's timeout fires);
 * - `previo-sin-datos`: stamps, then answers 307 without the stamp's data.
 */
export type Falla = 'corte' | 'error500' | 'cuelga' | 'previo-sin-datos';

export interface Timbrado {
  uuid: string;
  xml: string;
  tfdXml: string;
  at: number;
  hash: string;
}

export type Resultado = { tipo: 'nuevo' | 'previo'; t: Timbrado } | { tipo: 'error'; codigo: string; mensaje: string };

export interface PacCore {
  /** What the PAC stamped, by sha256 of the sealed XML. */
  readonly timbrados: Map<string, Timbrado>;
  /** Every stamp call that reached the engine (per hash), to prove nothing was stamped twice. */
  readonly llamadas: Map<string, number>;
  /** Faults for the next stamp calls, in order; `fallaAleatoria` when the list is empty. */
  readonly fallas: Falla[];
  fallaAleatoria?: () => Falla | undefined;
  timbrar(sealedXml: string): Promise<Resultado>;
  porUuid(uuid: string): Timbrado | undefined;
  siguienteFalla(): Falla | undefined;
  /**
   * The SAT behind the PAC's cancel endpoint: the test PAC's simulated SAT (it verifies the
   * XML-DSig, answers 201/202/203/205/207/208/209/no_cancelable and signs the acuse), knowing
   * what this PAC stamped. `relacionados` makes a UUID not cancellable.
   */
  readonly sat: SatSimulado;
  readonly relacionados: Map<string, DocumentoRelacionado[]>;
}

/** What the SAT knows of a stamped CFDI, read from its XML. */
export function cancelableDe(t: Pick<Timbrado, 'uuid' | 'xml' | 'tfdXml'>): CfdiCancelable {
  const at = (re: RegExp) => re.exec(t.xml)?.[1] ?? '';
  const root = at(/(<cfdi:Comprobante\s[^>]*>)/);
  const attr = (k: string) => new RegExp(`\\s${k}="([^"]*)"`).exec(root)?.[1];
  return {
    uuid: t.uuid, rfcEmisor: at(/<cfdi:Emisor\s[^>]*Rfc="([^"]*)"/), rfcReceptor: at(/<cfdi:Receptor\s[^>]*Rfc="([^"]*)"/),
    tipoDeComprobante: attr('TipoDeComprobante') ?? '', total: attr('Total') ?? '', moneda: attr('Moneda') ?? '',
    tipoCambio: attr('TipoCambio'), fechaTimbrado: /\sFechaTimbrado="([^"]*)"/.exec(t.tfdXml)?.[1] ?? '',
  };
}

export const hashOf = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

export async function createPacCore(o: { clock?: () => Date } = {}): Promise<PacCore> {
  const creds = await generateTestPacCredentials();
  const engine = createTestPacStamper({ ...creds, clock: o.clock, rfcProvCertif: 'SPR190613I52' });
  const timbrados = new Map<string, Timbrado>();
  const pendientes = new Map<string, Promise<Resultado>>();
  const llamadas = new Map<string, number>();
  const memoria = new Map<string, string>();
  const relacionados = new Map<string, DocumentoRelacionado[]>();
  const sat = createSatSimulado({
    ...creds,
    clock: o.clock ?? (() => new Date()),
    memory: { get: async (k) => memoria.get(k), put: async (k, v) => void memoria.set(k, v) },
    comprobante: async (_rfc, uuid) => {
      const t = core.porUuid(uuid);
      return t && cancelableDe(t);
    },
    relacionadosVivos: async (_rfc, uuid) => relacionados.get(uuid) ?? [],
  });
  const core: PacCore = {
    sat,
    relacionados,
    timbrados,
    llamadas,
    fallas: [],
    async timbrar(sealedXml) {
      const hash = hashOf(sealedXml);
      llamadas.set(hash, (llamadas.get(hash) ?? 0) + 1);
      const known = timbrados.get(hash);
      if (known) return { tipo: 'previo', t: known };
      const p = pendientes.get(hash);
      if (p) {
        const r = await p;
        return r.tipo === 'nuevo' ? { tipo: 'previo', t: r.t } : r;
      }
      const run = (async (): Promise<Resultado> => {
        try {
          const r = await engine.stamp(sealedXml);
          const m = /<tfd:TimbreFiscalDigital [^>]*\/>/.exec(r.xml);
          const t: Timbrado = { uuid: r.tfd.UUID, xml: r.xml, tfdXml: m ? m[0] : '', at: Date.now(), hash };
          timbrados.set(hash, t);
          return { tipo: 'nuevo', t };
        } catch (e) {
          if (e instanceof StampError) return { tipo: 'error', codigo: e.code, mensaje: e.message };
          throw e;
        }
      })().finally(() => pendientes.delete(hash));
      pendientes.set(hash, run);
      return run;
    },
    porUuid(uuid) {
      for (const t of timbrados.values()) if (t.uuid === uuid) return t;
      return undefined;
    },
    siguienteFalla() {
      return core.fallas.shift() ?? core.fallaAleatoria?.();
    },
  };
  return core;
}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Applies a fault that happens after stamping; true when the answer must not be sent. */
export function fallaTrasTimbrar(f: Falla | undefined, res: ServerResponse): boolean {
  if (f === 'corte') {
    res.socket?.destroy();
    return true;
  }
  if (f === 'cuelga') return true; // the client's total timeout ends it
  return false;
}

/**
 * What a PAC's cancel endpoint must receive: one signed SAT `Cancelacion` with one Folio,
 * never a private key (shared by the SW and Finkok doubles).
 */
export function violacionesCancelacion(xml: string, v: string[]): void {
  if (!/^(<\?xml[^>]*\?>\s*)?<Cancelacion\s[^>]*xmlns="http:\/\/cancelacfd\.sat\.gob\.mx"/.test(xml)) v.push('cancelación: la raíz no es Cancelacion del SAT');
  if (!/<Signature\s+xmlns="http:\/\/www\.w3\.org\/2000\/09\/xmldsig#"[\s\S]*<SignatureValue>[A-Za-z0-9+/=\s]{100,}<\/SignatureValue>[\s\S]*<X509Certificate>/.test(xml)) {
    v.push('cancelación sin firma XML-DSig con certificado');
  }
  if ((xml.match(/<Folio\s/g) ?? []).length !== 1) v.push('cancelación con más o menos de un Folio');
  if (/PRIVATE KEY|b64Key|b64Pfx/i.test(xml)) v.push('cancelación con una llave privada');
}
