/**
 * Test support for connectors (used by layout tests, the benchmark and other stages'
 * tests): an in-memory directory and a context builder. No side effects.
 */
import type { ConnectorContext, DirectoryLookup, LayoutVersion, ProductoDirectorio, ReceptorDirectorio, TipoDefaults } from './connector.ts';

export interface MemoryDirectory extends DirectoryLookup {
  /** Lookups made, in order (to prove the lookup order). */
  calls: string[];
}

/** `batched`: also offers findProductos (many codes in one look), as the stores do. */
export function memoryDirectory(receptores: ReceptorDirectorio[] = [], productos: ProductoDirectorio[] = [], o: { batched?: boolean } = {}): MemoryDirectory {
  const calls: string[] = [];
  const batch: Pick<DirectoryLookup, 'findProductos'> = !o.batched ? {} : {
    async findProductos(codigos) {
      calls.push(`productos:${codigos.join(',')}`);
      return new Map(productos.filter((p) => codigos.includes(p.codigo)).map((p) => [p.codigo, p]));
    },
  };
  return {
    ...batch,
    calls,
    async findReceptor(k) {
      calls.push(`receptor:${k}`);
      return receptores.find((r) => r.clave === k) ?? receptores.find((r) => r.rfc === k);
    },
    async findProducto(k) {
      calls.push(`producto:${k}`);
      return productos.find((p) => p.codigo === k);
    },
  };
}

/** Defaults that fill nothing optional: what a document does not say stays absent. */
export const bareDefaults: TipoDefaults = { TipoDeComprobante: 'I', Exportacion: '01', Moneda: 'MXN', unidades: {} };

export function testContext(opts: { version?: LayoutVersion; defaults?: TipoDefaults; directory?: DirectoryLookup } = {}): ConnectorContext {
  return { version: opts.version ?? 'auto', defaults: opts.defaults ?? bareDefaults, directory: opts.directory ?? memoryDirectory() };
}
