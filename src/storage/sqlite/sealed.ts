/** SealedValues on SQLite (storage/sealed.ts). */
import type Database from 'better-sqlite3';
import { columnOf, SEALED_COLUMNS, sealedSql, type SealedValue, type SealedValues } from '../sealed.ts';
import { openDatabase, type SqliteOptions } from './connection.ts';
import { withWriteLock, writeLockView } from './write-lock.ts';

export function openSqliteSealed(o: SqliteOptions & { writeLock?: SharedArrayBuffer }): SealedValues {
  const db: Database.Database = openDatabase(o);
  const lock = writeLockView(o.writeLock);
  return {
    async list() {
      const out: SealedValue[] = [];
      for (const c of SEALED_COLUMNS) {
        for (const r of db.prepare(sealedSql(c).list).all() as { id: string; box: Buffer }[]) {
          out.push({ slot: { table: c.table, column: c.column, id: r.id }, box: r.box });
        }
      }
      return out;
    },
    async replace(slot, old, box) {
      const sql = sealedSql(columnOf(slot)).replace;
      return withWriteLock(lock, () => db.prepare(sql).run(box, String(slot.id), old).changes > 0);
    },
    async close() {
      if (db.open) db.close();
    },
  };
}
