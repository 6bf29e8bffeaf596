/**
 * The PACs an empresa can be configured with (`cfdi-async pac set`), their official hosts
 * per ambiente, and the PAC configuration in clear that `main/` hands to an adapter.
 * Adding a PAC: a sibling folder with the same file set as `sw/` and `finkok/`, a row
 * here, a case in `main/pacs.ts`, and its double in the contract suite (docs/pacs.md).
 */
export type Proveedor = 'prueba' | 'sw' | 'finkok';
export type Ambiente = 'pruebas' | 'produccion';

export const PROVEEDORES: readonly Proveedor[] = ['prueba', 'sw', 'finkok'];

export interface PacHosts {
  url: string;
  /** SW only: the "api" host (storage). */
  urlApi?: string;
}

export const PAC_HOSTS: Record<Exclude<Proveedor, 'prueba'>, Record<Ambiente, PacHosts>> = {
  sw: {
    pruebas: { url: 'https://services.test.sw.com.mx', urlApi: 'https://api.test.sw.com.mx' },
    produccion: { url: 'https://services.sw.com.mx', urlApi: 'https://api.sw.com.mx' },
  },
  finkok: {
    pruebas: { url: 'https://demo-facturacion.finkok.com' },
    produccion: { url: 'https://facturacion.finkok.com' },
  },
};

/** What an adapter needs, secrets in clear (only in memory, never logged). */
export interface PacCredenciales {
  proveedor: Proveedor;
  ambiente: Ambiente;
  url: string;
  urlApi?: string;
  usuario?: string;
  password?: string;
  token?: string;
}
