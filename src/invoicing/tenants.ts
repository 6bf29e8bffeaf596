/**
 * Tenant administration: empresas, their CSD, sucursales and tipos de CFD. Used by the
 * CLI and by the demo tenant created on first start.
 */
import { randomUUID } from 'node:crypto';
import type { Store, CsdRecord, Empresa, Sucursal, TipoCfd, NewTipoCfd } from '../storage/store.ts';
import type { SealSlot, SecretBox } from '../shared/secret-box.ts';
import type { Clock } from '../shared/clock.ts';
import { checkCsdFor, loadCsd, type Csd } from '../sealing/csd.ts';

export interface TenantDeps {
  store: Store;
  secrets: SecretBox;
  clock: Clock;
}

const RFC = /^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{3}$/;

export async function createEmpresa(d: TenantDeps, i: { rfc: string; nombre: string; regimenFiscal: string }): Promise<Empresa> {
  const rfc = i.rfc.trim().toUpperCase();
  if (!RFC.test(rfc)) throw new Error(`"${i.rfc}" is not an RFC`);
  if (!/^[0-9]{3}$/.test(i.regimenFiscal)) throw new Error(`"${i.regimenFiscal}" is not a c_RegimenFiscal code`);
  if (!i.nombre.trim()) throw new Error('nombre is required');
  if (await d.store.getEmpresaByRfc(rfc)) throw new Error(`an empresa with RFC ${rfc} exists already`);
  return d.store.createEmpresa({ key: randomUUID(), rfc, nombre: i.nombre.trim(), regimenFiscal: i.regimenFiscal });
}

/** Finds an empresa by its key or its RFC (what an operator types). */
export async function findEmpresa(store: Store, keyOrRfc: string): Promise<Empresa> {
  const e = (await store.getEmpresaByKey(keyOrRfc)) ?? (await store.getEmpresaByRfc(keyOrRfc.toUpperCase()));
  if (!e) throw new Error(`no empresa with key or RFC "${keyOrRfc}"`);
  return e;
}

/**
 * Checks the pair, the RFC and the validity now, then stores the certificate with the
 * key and password encrypted at rest.
 */
export async function importCsd(
  d: TenantDeps,
  empresa: Empresa,
  i: { cer: Buffer; key: Buffer; password: string },
): Promise<Csd> {
  const csd = loadCsd(i);
  checkCsdFor(csd, { rfc: empresa.rfc, fecha: d.clock() });
  await d.store.saveCsd({
    empresaId: empresa.id,
    noCertificado: csd.noCertificado,
    cer: csd.cer,
    keyEncrypted: d.secrets.seal(i.key, csdSlot(empresa.id, csd.noCertificado, 'key_encrypted')),
    passwordEncrypted: d.secrets.seal(Buffer.from(i.password, 'utf8'), csdSlot(empresa.id, csd.noCertificado, 'password_encrypted')),
    validFrom: csd.validFrom.toISOString(),
    validTo: csd.validTo.toISOString(),
  });
  return csd;
}

/** Decrypts a stored CSD for sealing; callers cache the result (decrypting costs ~1.6 ms). */
export function openCsd(secrets: SecretBox, r: CsdRecord): Csd {
  return loadCsd({
    cer: r.cer,
    key: secrets.open(r.keyEncrypted, csdSlot(r.empresaId, r.noCertificado, 'key_encrypted')),
    password: secrets.open(r.passwordEncrypted, csdSlot(r.empresaId, r.noCertificado, 'password_encrypted')).toString('utf8'),
  });
}

/** A CSD's sealed key and password are bound to their row (storage/sealed.ts names the same id). */
function csdSlot(empresaId: number, noCertificado: string, column: 'key_encrypted' | 'password_encrypted'): SealSlot {
  return { table: 'csds', column, id: `${empresaId}/${noCertificado}` };
}

export async function createSucursal(d: TenantDeps, empresa: Empresa, i: { nombre: string; codigoPostal: string; domicilio?: string }): Promise<Sucursal> {
  if (!/^[0-9]{5}$/.test(i.codigoPostal)) throw new Error(`"${i.codigoPostal}" is not a código postal (5 digits)`);
  return d.store.createSucursal({ empresaId: empresa.id, nombre: i.nombre, codigoPostal: i.codigoPostal, domicilio: i.domicilio });
}

export async function createTipo(d: TenantDeps, empresa: Empresa, i: Omit<NewTipoCfd, 'empresaId'>): Promise<TipoCfd> {
  if (!/^[A-Za-z0-9_-]{1,20}$/.test(i.codigo)) throw new Error(`"${i.codigo}" is not a valid tipo code (letters, digits, - and _)`);
  if (i.serie !== undefined && !/^[^|]{1,25}$/u.test(i.serie)) throw new Error('serie must have 1 to 25 characters and no "|"');
  if (!Number.isSafeInteger(i.nextFolio) || i.nextFolio < 1) throw new Error('the next folio must be a positive integer');
  const existing = (await d.store.listTipos(empresa.id)).find((t) => t.codigo === i.codigo);
  if (existing) throw new Error(`tipo ${i.codigo} exists already for ${empresa.rfc}`);
  return d.store.createTipo({ ...i, empresaId: empresa.id });
}

/**
 * Issues a new keyEmpresa (the tenant's credential, e.g. after a leak): the old one
 * answers 401 from the next request on, in every process sharing the database.
 */
export async function rotateKeyEmpresa(store: Store, empresa: Empresa): Promise<Empresa> {
  const key = randomUUID();
  await store.setEmpresaKey(empresa.id, key);
  return { ...empresa, key };
}
