/**
 * Test support for connectors (used by layout tests, the benchmark and other stages'
 * tests): an in-memory directory and a context builder. No side effects.
 */
import type { ConnectorContext, DirectoryLookup, LayoutVersion, ProductoDirectorio, ReceptorDirectorio, TipoDefaults } from './connector.ts';

export interface MemoryDirectory extends DirectoryLookup {
  /** Lookups made, in order (to prove the lookup order). */
  calls: string[];
}

/** `batched`: also offers lookUp (everything a document asks in one look), as the stores do. */
export function memoryDirectory(receptores: ReceptorDirectorio[] = [], productos: ProductoDirectorio[] = [], o: { batched?: boolean } = {}): MemoryDirectory {
  const calls: string[] = [];
  const receptor = (k: string) => receptores.find((r) => r.clave === k) ?? receptores.find((r) => r.rfc === k);
  const producto = (k: string) => productos.find((p) => p.codigo === k);
  const found = <T>(keys: string[], find: (k: string) => T | undefined) =>
    new Map(keys.flatMap((k) => { const v = find(k); return v ? [[k, v] as const] : []; }));
  const batch: Pick<DirectoryLookup, 'lookUp'> = !o.batched ? {} : {
    async lookUp(q) {
      calls.push(`lookUp:${q.receptores.join(',')}|${q.productos.join(',')}`);
      return { receptores: found(q.receptores, receptor), productos: found(q.productos, producto) };
    },
  };
  return {
    ...batch,
    calls,
    async findReceptor(k) {
      calls.push(`receptor:${k}`);
      return receptor(k);
    },
    async findProducto(k) {
      calls.push(`producto:${k}`);
      return producto(k);
    },
  };
}

/** Defaults that fill nothing optional: what a document does not say stays absent. */
export const bareDefaults: TipoDefaults = { TipoDeComprobante: 'I', Exportacion: '01', Moneda: 'MXN', unidades: {} };

export function testContext(opts: { version?: LayoutVersion; defaults?: TipoDefaults; directory?: DirectoryLookup } = {}): ConnectorContext {
  return { version: opts.version ?? 'auto', defaults: opts.defaults ?? bareDefaults, directory: opts.directory ?? memoryDirectory() };
}
