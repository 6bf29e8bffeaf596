/** SealedValues on PostgreSQL (storage/sealed.ts). */
import { columnOf, SEALED_COLUMNS, sealedSql, type SealedValue, type SealedValues } from '../sealed.ts';
import { openPool, type PostgresOptions } from './connection.ts';

const numbered = (sql: string) => {
  let i = 0;
  return sql.replace(/\?/g, () => `$${++i}`);
};

export function openPostgresSealed(o: PostgresOptions): SealedValues {
  const pool = openPool({ ...o, poolSize: o.poolSize ?? 2 }, 'cfdi-async sealed');
  return {
    async list() {
      const out: SealedValue[] = [];
      for (const c of SEALED_COLUMNS) {
        for (const r of (await pool.query(sealedSql(c).list)).rows as { id: string; box: Buffer }[]) {
          out.push({ slot: { table: c.table, column: c.column, id: r.id }, box: r.box });
        }
      }
      return out;
    },
    async replace(slot, old, box) {
      const r = await pool.query(numbered(sealedSql(columnOf(slot)).replace), [box, String(slot.id), old]);
      return (r.rowCount ?? 0) > 0;
    },
    close: () => pool.end(),
  };
}
