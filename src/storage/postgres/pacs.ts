/** The PAC configuration store on PostgreSQL (see `storage/pacs.ts`). */
import { PAC_COLUMNS, PAC_UPDATE, pacValues, toPacEmpresa, type PacEmpresa, type PacsStore } from '../pacs.ts';
import { isoInstant } from '../values.ts';
import { openPool, type PostgresOptions } from './connection.ts';

export function openPostgresPacs(o: PostgresOptions): PacsStore {
  const pool = openPool({ ...o, poolSize: o.poolSize ?? 2 }, 'cfdi-async pacs');
  return {
    async getPac(empresaId) {
      return toPacEmpresa((await pool.query('SELECT * FROM empresa_pacs WHERE empresa_id = $1', [empresaId])).rows[0]);
    },
    async savePac(p: PacEmpresa) {
      await pool.query(`INSERT INTO empresa_pacs (${PAC_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
        ON CONFLICT (empresa_id) DO UPDATE SET ${PAC_UPDATE}`, pacValues({ ...p, updatedAt: isoInstant(p.updatedAt) }));
    },
    async close() {
      await pool.end();
    },
  };
}
