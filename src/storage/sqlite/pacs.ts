/** The PAC configuration store on SQLite (see `storage/pacs.ts`): its own connection, the process's write mutex. */
import type Database from 'better-sqlite3';
import { PAC_COLUMNS, PAC_UPDATE, pacValues, toPacEmpresa, type PacEmpresa, type PacsStore } from '../pacs.ts';
import { isoInstant } from '../values.ts';
import { openDatabase, type SqliteOptions } from './connection.ts';
import { withWriteLock, writeLockView } from './write-lock.ts';

export function openSqlitePacs(o: SqliteOptions & { writeLock?: SharedArrayBuffer }): PacsStore {
  const db: Database.Database = openDatabase(o);
  const lock = writeLockView(o.writeLock);
  // Prepared on first use: the table exists only after the store's migrate().
  let get: Database.Statement | undefined;
  let save: Database.Statement | undefined;
  return {
    async getPac(empresaId) {
      get ??= db.prepare('SELECT * FROM empresa_pacs WHERE empresa_id = ?');
      return toPacEmpresa(get.get(empresaId) as Record<string, unknown> | undefined);
    },
    async savePac(p: PacEmpresa) {
      save ??= db.prepare(`INSERT INTO empresa_pacs (${PAC_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (empresa_id) DO UPDATE SET ${PAC_UPDATE}`);
      const stmt = save;
      withWriteLock(lock, () => stmt.run(...pacValues({ ...p, updatedAt: isoInstant(p.updatedAt) })));
    },
    async close() {
      db.close();
    },
  };
}
