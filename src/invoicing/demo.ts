/**
 * The demo tenant: everything a newcomer needs to send a first document, created on
 * first start with nothing from outside the repository. Its CSD is a test certificate
 * generated here for the SAT's public test RFC EKU9003173C9 (not the SAT's own test
 * CSD, which a fresh clone does not have).
 */
import { randomBytes } from 'node:crypto';
import type { IdCipher } from '../shared/ids.ts';
import type { TenantDeps } from './tenants.ts';
import { createEmpresa, createSucursal, createTipo, importCsd } from './tenants.ts';
import { generateTestCsd } from '../sealing/test-csd.ts';
import { legacyFacturaDefaults } from '../layout/xsa/defaults.ts';

export interface DemoTenant {
  keyEmpresa: string;
  idTipoCfd: string;
  idSucursal: string;
  rfc: string;
  /** A legacy xsa document that this tenant stamps as is. */
  archivoFuente: string;
}

const META_KEY = 'demo.tenant';

export const DEMO = {
  rfc: 'EKU9003173C9',
  nombre: 'ESCUELA KEMPER URGATE',
  regimenFiscal: '601',
  codigoPostal: '42501',
} as const;

/** A consistent legacy document (layout-xsa.md, "Legacy records"): totals are computed by the service. */
export const DEMO_DOCUMENT = [
  '|00|demo-0001|FAC|',
  '|01|1|||||||||||MXN||PEDIDO 1234|Gracias por su compra|||',
  '|02|PAGO EN UNA SOLA EXHIBICIÓN||TRANSFERENCIA|||',
  '|03|URE180429TM6|URE180429TM6|UNIVERSIDAD ROBOTICA ESPAÑOLA|MÉXICO|AV. REFORMA|100||CENTRO|CIUDAD DE MÉXICO||CUAUHTÉMOC|CIUDAD DE MÉXICO|86991|5555555555|',
  '|05|LAP-HB||12|LÁPIZ DE GRAFITO HB & BORRADOR|10.50||PZA|PAPELERÍA||',
  '|05|SRV-01||1|SERVICIO DE MANTENIMIENTO PREVENTIVO|1500.00||SERVICIO|SERVICIOS||',
  '|06|IVA|16.00||',
  '|99|8|',
].join('\n');

/** Creates the demo tenant when absent; returns its public ids either way. */
export async function ensureDemoTenant(d: TenantDeps & { ids: IdCipher }): Promise<{ tenant: DemoTenant; created: boolean }> {
  const saved = await d.store.getMeta(META_KEY);
  if (saved) {
    const ids = JSON.parse(saved) as { empresaId: number; tipoId: number; sucursalId: number };
    const empresa = await d.store.getEmpresa(ids.empresaId);
    if (empresa) return { tenant: publicIds(d, empresa.key, ids.tipoId, ids.sucursalId), created: false };
  }
  const empresa = (await d.store.getEmpresaByRfc(DEMO.rfc)) ?? (await createEmpresa(d, DEMO));
  if (!(await d.store.getCsd(empresa.id))) {
    const password = randomBytes(12).toString('base64url');
    const now = d.clock();
    const { cer, key } = await generateTestCsd({
      rfc: DEMO.rfc,
      nombre: `${DEMO.nombre} SA DE CV`,
      password,
      validFrom: new Date(now.getTime() - 86_400_000),
      validTo: new Date(now.getTime() + 4 * 365 * 86_400_000),
    });
    await importCsd(d, empresa, { cer, key, password });
  }
  const sucursal = (await d.store.listSucursales(empresa.id))[0]
    ?? (await createSucursal(d, empresa, { nombre: 'Matriz', codigoPostal: DEMO.codigoPostal, domicilio: 'Av. Juárez 100, Centro, Pachuca, Hidalgo' }));
  const tipo = (await d.store.listTipos(empresa.id)).find((t) => t.codigo === 'FAC')
    ?? (await createTipo(d, empresa, {
      codigo: 'FAC',
      nombre: 'Factura',
      serie: 'F',
      nextFolio: 1,
      connector: 'xsa',
      layoutVersion: 'auto',
      defaults: legacyFacturaDefaults,
    }));
  await d.store.setMeta(META_KEY, JSON.stringify({ empresaId: empresa.id, tipoId: tipo.id, sucursalId: sucursal.id }));
  return { tenant: publicIds(d, empresa.key, tipo.id, sucursal.id), created: true };
}

function publicIds(d: { ids: IdCipher }, keyEmpresa: string, tipoId: number, sucursalId: number): DemoTenant {
  return {
    keyEmpresa,
    idTipoCfd: d.ids.encode('tipo', tipoId),
    idSucursal: d.ids.encode('sucursal', sucursalId),
    rfc: DEMO.rfc,
    archivoFuente: DEMO_DOCUMENT,
  };
}

/** A ready-to-paste curl that submits the demo document. */
export function demoCurl(baseUrl: string, t: DemoTenant): string {
  const body = JSON.stringify({ idTipoCfd: t.idTipoCfd, idSucursal: t.idSucursal, archivoFuente: t.archivoFuente });
  const insecure = baseUrl.startsWith('https:') ? '-k ' : '';
  return `curl ${insecure}-X PUT '${baseUrl}/${t.keyEmpresa}/cfdisAsync' -H 'Content-Type: application/json' --data-binary '${body.replace(/'/g, `'\\''`)}'`;
}

