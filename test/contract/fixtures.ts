/** A minimal tenant for the contract suites, built through the port only. */
import type { CfdiMeta, Empresa, NewPeticion, Store, Sucursal, TipoCfd } from '../../src/storage/store.ts';

/** The fixed clock of the suites. */
export const T0 = new Date('2025-06-01T12:00:00.000Z');

export interface Tenant {
  empresa: Empresa;
  sucursal: Sucursal;
  tipo: TipoCfd;
}

let seq = 0;

export async function createTenant(store: Store, o: { serie?: string; nextFolio?: number } = {}): Promise<Tenant> {
  const n = ++seq;
  const empresa = await store.createEmpresa({
    key: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    rfc: `AAA0101${String(n).padStart(2, '0')}AA${n % 10}`.slice(0, 12),
    nombre: `EMPRESA ${n}`,
    regimenFiscal: '601',
  });
  const sucursal = await store.createSucursal({ empresaId: empresa.id, nombre: 'Matriz', codigoPostal: '06600' });
  const tipo = await store.createTipo({
    empresaId: empresa.id,
    codigo: 'FAC',
    nombre: 'Factura',
    serie: o.serie ?? 'A',
    nextFolio: o.nextFolio ?? 1,
    connector: 'xsa',
    layoutVersion: 'auto',
    defaults: { TipoDeComprobante: 'I', Exportacion: '01', Moneda: 'MXN', unidades: { PZA: 'H87' } },
  });
  return { empresa, sucursal, tipo };
}

export function newPeticion(t: Tenant, o: { createdAt?: Date; expiresAt?: Date; archivoFuente?: string } = {}): NewPeticion {
  const createdAt = o.createdAt ?? T0;
  return {
    empresaId: t.empresa.id,
    tipoId: t.tipo.id,
    sucursalId: t.sucursal.id,
    archivoFuente: o.archivoFuente ?? '00|FAC\n',
    createdAt: createdAt.toISOString(),
    expiresAt: (o.expiresAt ?? new Date(createdAt.getTime() + 72 * 3600_000)).toISOString(),
  };
}

export function cfdiMeta(over: Partial<CfdiMeta> & { uuid: string }): CfdiMeta {
  return {
    serie: 'A',
    folio: '1',
    fecha: '2025-06-01T10:00:00',
    fechaTimbrado: '2025-06-01T10:00:05',
    rfcEmisor: 'EKU9003173C9',
    rfcReceptor: 'XAXX010101000',
    nombreReceptor: 'PUBLICO EN GENERAL',
    moneda: 'MXN',
    subTotal: '1000.00',
    total: '1160.00',
    iva: '160.00',
    tipoDeComprobante: 'I',
    produccion: false,
    ...over,
  };
}

export function uuidOf(n: number): string {
  return `6F0D2A3B-1C2D-4E5F-8A9B-${n.toString(16).toUpperCase().padStart(12, '0')}`;
}

/** The promise's value, or `fallback` if it takes longer than `ms` (the timer never outlives the race). */
export async function within<T, F>(p: Promise<T>, ms: number, fallback: F): Promise<T | F> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<F>((r) => (timer = setTimeout(() => r(fallback), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
