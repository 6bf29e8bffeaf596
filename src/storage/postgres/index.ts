/**
 * The PostgreSQL storage adapter, for several API and worker processes on several
 * machines sharing one database. Same semantics as `storage/sqlite`, checked by the
 * same contract suite. Read-then-write operations lock the peticion row
 * (SELECT … FOR UPDATE), so concurrent callers in any process are serialized per
 * peticion; assignFolio additionally takes the tipo row's lock through its UPDATE.
 *
 * Jobs are inserted here (with the peticion); `queue/postgres` owns them afterwards.
 */
import type pg from 'pg';
import type { DatosImpresos } from '../../cfdi/printed.ts';
import type { DirectorioConsulta, DirectorioEncontrado, ProductoDirectorio, ReceptorDirectorio } from '../../layout/connector.ts';
import { AppError } from '../../shared/errors.ts';
import {
  CFDI_META_COLUMNS,
  cfdiMetaValues,
  folioDuplicado,
  MAX_FOLIOS_SALTADOS,
  notFound,
  tipoPatch,
  toCatalogImport,
  EMPRESA_SIN_LOGO,
  toConsulta,
  consultaSql,
  advertenciasValue,
  toDestino,
  destinoSql,
  faltante,
  toCatalogRow,
  toCfdi,
  toCsd,
  toEmpresa,
  toPeticion,
  toProducto,
  toReceptor,
  toSucursal,
  toTipo,
  type Row,
} from '../rows.ts';
import { haySuscripcionesSql } from '../notificaciones-rows.ts';
import type {
  CatalogImportMeta,
  CatalogRow,
  CfdiFilter,
  CfdiMeta,
  CfdiRecord,
  ClaveIdempotencia,
  ConsultaPeticion,
  DestinoPeticion,
  CsdRecord,
  Empresa,
  NewEmpresa,
  NewPeticion,
  NewSucursal,
  PeticionForKey,
  NewTipoCfd,
  Peticion,
  Store,
  Sucursal,
  TipoCfd,
} from '../store.ts';
import { compact, fechaBounds, isoInstant, lastByKey } from '../values.ts';
import { isUniqueViolation, jobsChannel, nowMs, openPool, resolveTarget, withTransaction, type PostgresOptions } from './connection.ts';
import { migratePostgres } from './migrations.ts';

// The two reads every PUT and GET make: their SQL built once, not on each request.
const DESTINO_SQL = destinoSql('$1', '$2::bigint', '$3::bigint');
const CONSULTA_SQL = consultaSql(`(strpos(c.xml, 'MetodoPago="PPD"') > 0)::int`, '$1', '$2::bigint');

/**
 * One statement writes an accepted request: the peticion from the one row of `origen`
 * (empresa_id, tipo_id, sucursal_id; a NULL id writes nothing), its job, its empresa's
 * queue lane, and a NOTIFY that PostgreSQL delivers to listening workers (any process,
 * any machine) when it commits. The job is runnable from `createdAt` ($7), or from the
 * database's clock if this machine's clock runs ahead of it. Whether anyone is subscribed
 * to its end is written with it (haySuscripcionesSql). Answers the origin's ids
 * with the peticion's (NULL when nothing was written); no row when `origen` has none.
 */
function insertPeticionSql(origen: string): string {
  return `
    WITH o AS MATERIALIZED (${origen}), p AS (
      INSERT INTO peticiones (empresa_id, tipo_id, sucursal_id, archivo_fuente, created_at, expires_at, suscripciones)
      SELECT empresa_id, tipo_id, sucursal_id, $4::text, $5::timestamptz, $6::timestamptz, ${haySuscripcionesSql('o.empresa_id', 'o.tipo_id')} FROM o
      WHERE tipo_id IS NOT NULL AND sucursal_id IS NOT NULL RETURNING id, empresa_id
    ), j AS (
      INSERT INTO jobs (peticion_id, empresa_id, run_at) SELECT id, empresa_id, least($7::bigint, ${nowMs('NULL')}) FROM p
    ), l AS (
      INSERT INTO queue_lanes (empresa_id) SELECT empresa_id FROM p ON CONFLICT DO NOTHING
    )
    SELECT o.tipo_id AS t_id, o.sucursal_id AS s_id, p.id, CASE WHEN p.id IS NOT NULL THEN pg_notify($8, '') END AS notified
    FROM o LEFT JOIN p ON true`;
}

/** createPeticion: the ids as given (a missing tipo or sucursal fails on its foreign key). */
const INSERT_PETICION = insertPeticionSql('SELECT $1::bigint AS empresa_id, $2::bigint AS tipo_id, $3::bigint AS sucursal_id');
/** createPeticionForKey: the PUT's check (destinoSql) is the origin, so a foreign or missing id writes nothing. */
const INSERT_PETICION_FOR_KEY = insertPeticionSql(
  destinoSql('$1::text', '$2::bigint', '$3::bigint', 'e.id AS empresa_id, t.id AS tipo_id, s.id AS sucursal_id'));

/**
 * One peticion, with its CFDI's uuid, whose id is the SQL expression `id`: getPeticion's
 * read, and the queue's claim's (see `peticionOfClaim`).
 */
const peticionSql = (id: string) => `SELECT p.*, c.uuid FROM peticiones p LEFT JOIN cfdis c ON c.id = p.cfdi_id WHERE p.id = ${id}`;
const PETICION_SQL = peticionSql('$1');

/**
 * getPeticion's read for `queue/postgres` to make in the claim's own statement (its
 * `ClaimSubject`): main/ joins the two adapters of one database, so a worker's job
 * arrives with its peticion, one round trip less per job.
 */
export const peticionOfClaim = { sql: peticionSql, read: toPeticion };

export interface PostgresStoreOptions extends PostgresOptions {
  /** Source of `createdAt` for new empresas and CFDIs; tests pass a fixed clock. */
  clock?: () => Date;
}

export function openPostgresStore(o: PostgresStoreOptions): Store {
  return new PostgresStore(o);
}

/**
 * A select-list item that makes the statement's own transaction commit without waiting
 * for the WAL flush (`SET LOCAL synchronous_commit = off`, in the same round trip).
 * Only for stages that can be redone from the one before them (ARCHITECTURE.md): a
 * power loss may forget such a commit, never a later synchronous one, since the WAL is
 * flushed in order. The accepted request (createPeticion) and the sealed XML
 * (saveSealed) keep waiting for the disk; the latter also flushes the folio assigned
 * before it, so both are durable before the PAC is called.
 */
const RELAXED_COMMIT = "set_config('synchronous_commit', 'off', true) AS relaxed_commit";

/**
 * assignFolio when it needs no decision: the peticion locked (a concurrent call waits,
 * then sees the folio the first one wrote), then either the given Folio or the tipo's
 * next one, counted only when free, reserved and written. No row when the peticion is
 * missing or the folio is taken: the caller takes the transaction's path then. A folio
 * taken between this statement's snapshot and its INSERT leaves the counter past it,
 * as skipping it in the transaction would.
 */
const ASSIGN_FOLIO = `
  WITH p AS MATERIALIZED (
    SELECT id, empresa_id, tipo_id, serie, folio, ${RELAXED_COMMIT} FROM peticiones WHERE id = $1 FOR UPDATE
  ), t AS (
    UPDATE tipos t SET next_folio = t.next_folio + 1 FROM p
    WHERE t.id = p.tipo_id AND p.folio IS NULL AND $3::text IS NULL
      AND NOT EXISTS (SELECT 1 FROM series_folios s
        WHERE s.empresa_id = p.empresa_id AND s.serie = coalesce($2::text, t.serie, '') AND s.folio = t.next_folio::text)
    RETURNING coalesce($2::text, t.serie) AS serie, (t.next_folio - 1)::text AS folio
  ), n AS (
    SELECT serie, folio FROM t
    UNION ALL
    SELECT coalesce($2::text, tp.serie), $3::text FROM p JOIN tipos tp ON tp.id = p.tipo_id WHERE p.folio IS NULL AND $3::text IS NOT NULL
  ), s AS (
    INSERT INTO series_folios (empresa_id, serie, folio, peticion_id)
    SELECT p.empresa_id, coalesce(n.serie, ''), n.folio, p.id FROM p, n ON CONFLICT DO NOTHING RETURNING folio
  ), u AS (
    UPDATE peticiones SET serie = n.serie, folio = n.folio FROM n, s WHERE peticiones.id = $1 RETURNING peticiones.serie, peticiones.folio
  )
  SELECT serie, folio FROM u UNION ALL SELECT serie, folio FROM p WHERE folio IS NOT NULL`;

/** Rows per statement in bulk upserts (bind parameters are arrays, so this bounds memory, not a limit). */
const BATCH = 2_000;

/**
 * The receptor of one key (a parameter or a column): by clave first, else the lowest clave
 * of that RFC. Two index reads rather than one `clave = k OR rfc = k` (a bitmap of both
 * indexes): each of at most one row, so the index on (empresa_id, rfc, clave) (migration
 * 11) reads one row of a generic RFC (XAXX010101000), not all of them.
 */
const receptorPor = (key: string) => `(SELECT *, 0 AS o FROM receptores WHERE empresa_id = $1 AND clave = ${key})
  UNION ALL (SELECT *, 1 FROM receptores WHERE empresa_id = $1 AND rfc = ${key} ORDER BY clave LIMIT 1) ORDER BY o LIMIT 1`;

class PostgresStore implements Store {
  private readonly pool: pg.Pool;
  private readonly clock: () => Date;
  private readonly channel: string;

  constructor(private readonly o: PostgresStoreOptions) {
    this.pool = openPool(o, 'cfdi-async store');
    this.clock = o.clock ?? (() => new Date());
    this.channel = jobsChannel(resolveTarget(o).schema);
  }

  private async q(sql: string, params: unknown[] = []): Promise<Row[]> {
    return (await this.pool.query(sql, params)).rows;
  }

  private async one(sql: string, params: unknown[] = []): Promise<Row | undefined> {
    return (await this.pool.query(sql, params)).rows[0];
  }

  private tx<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    return withTransaction(this.pool, fn);
  }

  async migrate(): Promise<void> {
    await migratePostgres(this.pool, resolveTarget(this.o).schema, this.clock);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  // ── Tenants ──────────────────────────────────────────────────────────────

  async createEmpresa(e: NewEmpresa): Promise<Empresa> {
    const createdAt = isoInstant(this.clock());
    const r = await this.one('INSERT INTO empresas (key, rfc, nombre, regimen_fiscal, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [e.key, e.rfc, e.nombre, e.regimenFiscal, createdAt]);
    return { id: r!.id, ...e, createdAt };
  }

  async getEmpresa(id: number): Promise<Empresa | undefined> {
    return toEmpresa(await this.one('SELECT * FROM empresas WHERE id = $1', [id]));
  }

  async getEmpresaByKey(key: string): Promise<Empresa | undefined> {
    return toEmpresa(await this.one(`SELECT ${EMPRESA_SIN_LOGO} FROM empresas WHERE key = $1`, [key]));
  }

  async getEmpresaByRfc(rfc: string): Promise<Empresa | undefined> {
    return toEmpresa(await this.one('SELECT * FROM empresas WHERE rfc = $1', [rfc]));
  }

  async listEmpresas(): Promise<Empresa[]> {
    return (await this.q('SELECT * FROM empresas ORDER BY id')).map((r) => toEmpresa(r)!);
  }

  async updateEmpresaBranding(id: number, b: { logo?: Buffer | null; color?: string | null; template?: string | null }): Promise<void> {
    // undefined leaves a field as it is; null clears it.
    const sets: string[] = [];
    const args: unknown[] = [id];
    for (const [col, v] of [['logo', b.logo], ['color', b.color], ['template', b.template]] as const) {
      if (v === undefined) continue;
      args.push(v);
      sets.push(`${col} = $${args.length}`);
    }
    if (sets.length) await this.q(`UPDATE empresas SET ${sets.join(', ')} WHERE id = $1`, args);
  }

  async setEmpresaKey(id: number, key: string): Promise<void> {
    const r = await this.pool.query('UPDATE empresas SET key = $2 WHERE id = $1', [id, key]);
    if (r.rowCount === 0) throw notFound('empresa', id);
  }

  async saveCsd(c: CsdRecord): Promise<void> {
    // Re-importing a certificate makes it the current one again (highest id).
    await this.tx(async (t) => {
      await t.query('DELETE FROM csds WHERE empresa_id = $1 AND no_certificado = $2', [c.empresaId, c.noCertificado]);
      await t.query(`INSERT INTO csds (empresa_id, no_certificado, cer, key_encrypted, password_encrypted, valid_from, valid_to)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [c.empresaId, c.noCertificado, c.cer, c.keyEncrypted, c.passwordEncrypted, isoInstant(c.validFrom), isoInstant(c.validTo)]);
    });
  }

  async getCsd(empresaId: number): Promise<CsdRecord | undefined> {
    return toCsd(await this.one('SELECT * FROM csds WHERE empresa_id = $1 ORDER BY id DESC LIMIT 1', [empresaId]));
  }

  async createSucursal(s: NewSucursal): Promise<Sucursal> {
    const r = await this.one('INSERT INTO sucursales (empresa_id, nombre, codigo_postal, domicilio) VALUES ($1, $2, $3, $4) RETURNING id',
      [s.empresaId, s.nombre, s.codigoPostal, s.domicilio ?? null]);
    return compact<Sucursal>({ id: r!.id, ...s });
  }

  async getSucursal(id: number): Promise<Sucursal | undefined> {
    return toSucursal(await this.one('SELECT * FROM sucursales WHERE id = $1', [id]));
  }

  async listSucursales(empresaId: number): Promise<Sucursal[]> {
    return (await this.q('SELECT * FROM sucursales WHERE empresa_id = $1 ORDER BY id', [empresaId])).map((r) => toSucursal(r)!);
  }

  async createTipo(t: NewTipoCfd): Promise<TipoCfd> {
    const r = await this.one(`INSERT INTO tipos (empresa_id, codigo, nombre, serie, next_folio, connector, layout_version, defaults, template, color)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING *`,
    [t.empresaId, t.codigo, t.nombre, t.serie ?? null, t.nextFolio, t.connector, t.layoutVersion, JSON.stringify(t.defaults), t.template ?? null, t.color ?? null]);
    return toTipo(r)!;
  }

  async getTipo(id: number): Promise<TipoCfd | undefined> {
    return toTipo(await this.one('SELECT * FROM tipos WHERE id = $1', [id]));
  }

  async listTipos(empresaId: number): Promise<TipoCfd[]> {
    return (await this.q('SELECT * FROM tipos WHERE empresa_id = $1 ORDER BY id', [empresaId])).map((r) => toTipo(r)!);
  }

  async updateTipo(id: number, patch: Partial<Omit<TipoCfd, 'id' | 'empresaId' | 'nextFolio'>>): Promise<void> {
    const { columns, values } = tipoPatch(patch);
    if (columns.length) {
      await this.q(`UPDATE tipos SET ${columns.map((c, i) => `${c} = $${i + 2}`).join(', ')} WHERE id = $1`, [id, ...values]);
    }
  }

  // ── Peticiones ───────────────────────────────────────────────────────────

  /** One statement, hence one transaction (insertPeticionSql). */
  async createPeticion(p: NewPeticion): Promise<number> {
    return this.insertPeticion(this.pool, p);
  }

  private async insertPeticion(db: pg.Pool | pg.PoolClient, p: NewPeticion): Promise<number> {
    return (await this.writePeticion(db, INSERT_PETICION, p.empresaId, p))!.id;
  }

  /** The check and the write in one statement, one round trip (issue 17): a 200 costs no read before it. */
  async createPeticionForKey(keyEmpresa: string, p: Omit<NewPeticion, 'empresaId'>): Promise<PeticionForKey> {
    const r = await this.writePeticion(this.pool, INSERT_PETICION_FOR_KEY, keyEmpresa, p);
    return faltante(r) ?? { peticionId: r!.id };
  }

  private async writePeticion(db: pg.Pool | pg.PoolClient, sql: string, empresa: number | string, p: Omit<NewPeticion, 'empresaId'>): Promise<Row | undefined> {
    const createdAt = isoInstant(p.createdAt);
    return (await db.query(sql,
      [empresa, p.tipoId, p.sucursalId, p.archivoFuente, createdAt, isoInstant(p.expiresAt), Date.parse(createdAt), this.channel])).rows[0];
  }

  /**
   * The primary key on (empresa_id, clave) decides races: a second caller's INSERT … ON
   * CONFLICT waits for the first one's commit, then finds the key held and gives its own
   * peticion up (ROLLBACK), so only one peticion and one job ever exist per key.
   */
  async createPeticionIdempotent(p: NewPeticion, k: ClaveIdempotencia): Promise<{ peticionId: number; huella: string; nueva: boolean }> {
    const vigenteDesde = isoInstant(k.vigenteDesde);
    for (let attempt = 1; ; attempt++) {
      const c = await this.pool.connect();
      try {
        await c.query('BEGIN');
        const held = (await c.query('SELECT huella, peticion_id FROM idempotencias WHERE empresa_id = $1 AND clave = $2 AND created_at >= $3',
          [p.empresaId, k.clave, vigenteDesde])).rows[0] as Row | undefined;
        if (held) {
          await c.query('COMMIT');
          return { peticionId: held.peticion_id, huella: held.huella, nueva: false };
        }
        const peticionId = await this.insertPeticion(c, p);
        const claimed = await c.query(`INSERT INTO idempotencias (empresa_id, clave, huella, peticion_id, created_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (empresa_id, clave) DO UPDATE SET huella = EXCLUDED.huella, peticion_id = EXCLUDED.peticion_id, created_at = EXCLUDED.created_at
            WHERE idempotencias.created_at < $6`,
          [p.empresaId, k.clave, k.huella, peticionId, isoInstant(p.createdAt), vigenteDesde]);
        if ((claimed.rowCount ?? 0) > 0) {
          await c.query('COMMIT');
          return { peticionId, huella: k.huella, nueva: true };
        }
        // Another caller claimed the key while we inserted: ours is rolled back, theirs is read next round.
        await c.query('ROLLBACK');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
      if (attempt >= 3) throw new Error(`Idempotency-Key ${k.clave}: claimed and released repeatedly by concurrent callers`);
    }
  }

  async getPeticion(id: number): Promise<Peticion | undefined> {
    return toPeticion(await this.one(PETICION_SQL, [id]));
  }

  async destinoPeticion(keyEmpresa: string, tipoId: number, sucursalId: number): Promise<DestinoPeticion | undefined> {
    return toDestino(await this.one(DESTINO_SQL, [keyEmpresa, tipoId, sucursalId]));
  }

  async consultarPeticion(keyEmpresa: string, peticionId: number): Promise<ConsultaPeticion | undefined> {
    return toConsulta(await this.one(CONSULTA_SQL, [keyEmpresa, peticionId]));
  }

  /**
   * Idempotent per peticion. The peticion row is locked first; the Serie-Folio is then
   * reserved in `series_folios` (its primary key makes a concurrent insert of the same
   * key wait for the first transaction, then do nothing) and written on the peticion in
   * the same transaction. Without a given Folio the tipo's counter is incremented (its
   * row lock serializes every caller of that tipo, in every process). No Serie-Folio is
   * handed out twice, none is consumed without being recorded, and a refused one leaves
   * the counter alone (the transaction rolls back).
   *
   * The usual case (a free folio) is one statement, one round trip; anything else (not
   * found, a taken folio to refuse or skip) falls back to the transaction below.
   */
  async assignFolio(peticionId: number, given: { serie?: string; folio?: string } = {}): Promise<{ serie?: string; folio: string }> {
    const r = await this.one(ASSIGN_FOLIO, [peticionId, given.serie ?? null, given.folio ?? null]);
    if (r) return compact<{ serie?: string; folio: string }>({ serie: r.serie ?? undefined, folio: r.folio });
    return this.assignFolioSlowly(peticionId, given);
  }

  private assignFolioSlowly(peticionId: number, given: { serie?: string; folio?: string }): Promise<{ serie?: string; folio: string }> {
    return this.tx(async (c) => {
      const p = (await c.query(
        'SELECT p.empresa_id, p.tipo_id, p.serie, p.folio, t.serie AS tipo_serie FROM peticiones p LEFT JOIN tipos t ON t.id = p.tipo_id WHERE p.id = $1 FOR UPDATE OF p',
        [peticionId],
      )).rows[0] as Row | undefined;
      if (!p) throw notFound('peticion', peticionId);
      if (p.folio != null) return compact<{ serie?: string; folio: string }>({ serie: p.serie, folio: p.folio });
      const reserve = async (serie: string | null, folio: string) =>
        ((await c.query('INSERT INTO series_folios (empresa_id, serie, folio, peticion_id) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [p.empresa_id, serie ?? '', folio, peticionId])).rowCount ?? 0) > 0;
      let serie: string | null = given.serie ?? p.tipo_serie ?? null;
      let folio = given.folio;
      if (folio !== undefined) {
        if (!(await reserve(serie, folio))) {
          const held = (await c.query('SELECT c.uuid FROM series_folios s LEFT JOIN cfdis c ON c.peticion_id = s.peticion_id WHERE s.empresa_id = $1 AND s.serie = $2 AND s.folio = $3', [p.empresa_id, serie ?? '', folio])).rows[0] as Row | undefined;
          throw folioDuplicado(serie ?? '', folio, held?.uuid ?? undefined);
        }
      } else {
        for (let skipped = 0; folio === undefined; skipped++) {
          const t = (await c.query('UPDATE tipos SET next_folio = next_folio + 1 WHERE id = $1 RETURNING serie, next_folio - 1 AS folio', [p.tipo_id])).rows[0] as Row | undefined;
          if (!t) throw notFound('tipo', p.tipo_id);
          serie = given.serie ?? t.serie ?? null;
          // A folio the client already took in this serie is skipped.
          if (await reserve(serie, String(t.folio))) folio = String(t.folio);
          else if (skipped >= MAX_FOLIOS_SALTADOS) throw folioDuplicado(serie ?? '', String(t.folio), undefined);
        }
      }
      await c.query('UPDATE peticiones SET serie = $2, folio = $3 WHERE id = $1', [peticionId, serie, folio]);
      return compact<{ serie?: string; folio: string }>({ serie: serie ?? undefined, folio });
    });
  }

  async releaseFolio(peticionId: number): Promise<void> {
    await this.pool.query('DELETE FROM series_folios WHERE peticion_id = $1 AND NOT EXISTS (SELECT 1 FROM cfdis WHERE peticion_id = $1)', [peticionId]);
  }

  /** The first sealed XML wins: a retried job gets back the XML it must stamp. */
  async saveSealed(peticionId: number, sealedXml: string, printed: DatosImpresos, advertencias?: string[]): Promise<string> {
    // One statement: either it stores ours, or the row already had one and we read it (the
    // notices, when given, are written either way).
    const r = await this.one(`
      WITH u AS (
        UPDATE peticiones SET sealed_xml = $2, printed = $3, stage = CASE WHEN stage = 'queued' THEN 'sealed' ELSE stage END,
          advertencias = CASE WHEN $4::boolean THEN $5::jsonb ELSE advertencias END
        WHERE id = $1 AND sealed_xml IS NULL RETURNING sealed_xml
      ), a AS (
        UPDATE peticiones SET advertencias = $5::jsonb WHERE id = $1 AND $4::boolean AND NOT EXISTS (SELECT 1 FROM u)
      )
      SELECT sealed_xml FROM u UNION ALL SELECT sealed_xml FROM peticiones WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM u)`,
    [peticionId, sealedXml, JSON.stringify(printed), advertencias !== undefined, advertencias ? advertenciasValue(advertencias) : null]);
    if (!r) throw notFound('peticion', peticionId);
    return r.sealed_xml;
  }

  /**
   * Stores the CFDI once per peticion (a second call returns the first CFDI's id) and
   * moves the peticion to `stamped`. The printed data is copied to the CFDI because
   * peticiones expire and CFDIs do not.
   */
  async saveStamped(peticionId: number, xml: string, meta: CfdiMeta, pdf?: Buffer): Promise<number> {
    const v = { ...cfdiMetaValues(meta), produccion: meta.produccion, xml, created_at: isoInstant(this.clock()), pdf: pdf ?? null, has_pdf: pdf !== undefined };
    const cols = Object.keys(v);
    const withPdf = `$${cols.length + 2}::boolean`;
    // One statement: lock the peticion, insert the CFDI unless it has one, link it; with a
    // PDF, the peticion is done in the same write. The printed data is copied inside the
    // database (jsonb to jsonb), never through here. A CFDI stored before (the same stamp:
    // a PAC answers a repeated request with it) gets the PDF by the second update; the
    // two updates of the peticion never both apply.
    const sql = `
      WITH p AS MATERIALIZED (
        SELECT id, empresa_id, sucursal_id, tipo_id, cfdi_id, printed, ${RELAXED_COMMIT} FROM peticiones WHERE id = $1 FOR UPDATE
      ), c AS (
        INSERT INTO cfdis (${cols.join(', ')}, empresa_id, sucursal_id, tipo_id, peticion_id, printed)
        SELECT ${cols.map((_, i) => `$${i + 2}`).join(', ')}, p.empresa_id, p.sucursal_id, p.tipo_id, p.id, p.printed FROM p WHERE p.cfdi_id IS NULL
        RETURNING id
      ), u AS (
        UPDATE peticiones SET cfdi_id = c.id, stage = CASE WHEN ${withPdf} THEN 'done' ELSE 'stamped' END FROM c WHERE peticiones.id = $1
      ), e AS (
        UPDATE cfdis SET pdf = $${cols.indexOf('pdf') + 2}, has_pdf = true FROM p WHERE ${withPdf} AND cfdis.id = p.cfdi_id
      ), d AS (
        UPDATE peticiones SET stage = 'done' FROM p WHERE ${withPdf} AND p.cfdi_id IS NOT NULL AND peticiones.id = $1
      )
      SELECT id FROM c UNION ALL SELECT cfdi_id FROM p WHERE cfdi_id IS NOT NULL`;
    let r: Row | undefined;
    try {
      r = await this.one(sql, [peticionId, ...Object.values(v), pdf !== undefined]);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      const clash = await this.one('SELECT peticion_id FROM cfdis WHERE uuid = $1', [meta.uuid]);
      throw new AppError('BD_DUPLICADO', clash
        ? `El UUID ${meta.uuid} ya está guardado para la petición ${clash.peticion_id}`
        : `La serie-folio ${meta.serie ?? ''}${meta.folio ?? ''} ya está guardada`);
    }
    if (!r) throw notFound('peticion', peticionId);
    return r.id as number;
  }

  /** `null` records that the CFDI is served without a PDF (rendering failed for good). */
  async savePdf(peticionId: number, pdf: Buffer | null): Promise<void> {
    // One statement; without a CFDI nothing is written (both updates need its id).
    const r = await this.one(`
      WITH p AS MATERIALIZED (SELECT cfdi_id, ${RELAXED_COMMIT} FROM peticiones WHERE id = $1 FOR UPDATE),
      c AS (UPDATE cfdis SET pdf = $2, has_pdf = $3 WHERE id = (SELECT cfdi_id FROM p)),
      u AS (UPDATE peticiones SET stage = 'done' WHERE id = $1 AND (SELECT cfdi_id FROM p) IS NOT NULL)
      SELECT cfdi_id FROM p`, [peticionId, pdf, pdf != null]);
    if (!r) throw notFound('peticion', peticionId);
    if (r.cfdi_id == null) throw new AppError('BD_NO_ENCONTRADO', `La petición ${peticionId} no tiene CFDI timbrado`);
  }

  async failPeticion(peticionId: number, errors: string[], advertencias?: string[]): Promise<void> {
    const r = await this.pool.query(`WITH r AS (SELECT ${RELAXED_COMMIT}) UPDATE peticiones SET stage = 'error', errors = $2,
        advertencias = CASE WHEN $3::boolean THEN $4::jsonb ELSE advertencias END FROM r WHERE id = $1`,
      [peticionId, JSON.stringify(errors), advertencias !== undefined, advertencias ? advertenciasValue(advertencias) : null]);
    if (r.rowCount === 0) throw notFound('peticion', peticionId);
  }

  /**
   * Deletes expired peticiones whose job is finished (done or dead); their jobs go with
   * them (ON DELETE CASCADE). A peticion whose job is still ready or running is kept
   * until a later purge, so a worker never loses the row under its feet. CFDIs stay.
   */
  async purgeExpired(now: string): Promise<number> {
    const r = await this.pool.query(`DELETE FROM peticiones p WHERE p.expires_at < $1
      AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.peticion_id = p.id AND j.state IN ('ready', 'running'))`, [isoInstant(now)]);
    return r.rowCount ?? 0;
  }

  // ── CFDIs ────────────────────────────────────────────────────────────────

  async getCfdi(id: number): Promise<CfdiRecord | undefined> {
    return toCfdi(await this.one(`SELECT ${CFDI_META_COLUMNS} FROM cfdis c WHERE c.id = $1`, [id]));
  }

  async getCfdiByUuid(empresaId: number, uuid: string): Promise<CfdiRecord | undefined> {
    return toCfdi(await this.one(`SELECT ${CFDI_META_COLUMNS} FROM cfdis c WHERE c.uuid = $1 AND c.empresa_id = $2`, [uuid, empresaId]));
  }

  /** Keyset pagination by id; see `fechaBounds` for the date bounds. */
  async listCfdis(f: CfdiFilter): Promise<CfdiRecord[]> {
    const args: unknown[] = [];
    const p = (v: unknown) => {
      args.push(v);
      return `$${args.length}`;
    };
    const where = [`c.empresa_id = ${p(f.empresaId)}`];
    const b = fechaBounds(f.fechaInicial, f.fechaFinal);
    if (b.from !== undefined) where.push(`c.fecha >= ${p(b.from)}`);
    if (b.toInclusive !== undefined) where.push(`c.fecha <= ${p(b.toInclusive)}`);
    if (b.toExclusive !== undefined) where.push(`c.fecha < ${p(b.toExclusive)}`);
    if (f.serie !== undefined) where.push(`c.serie = ${p(f.serie)}`);
    if (f.folioInicial !== undefined) where.push(`c.folio_num >= ${p(f.folioInicial)}`);
    if (f.folioFinal !== undefined) where.push(`c.folio_num <= ${p(f.folioFinal)}`);
    if (f.produccion !== undefined) where.push(`c.produccion = ${p(f.produccion)}`);
    if (f.afterId !== undefined) where.push(`c.id > ${p(f.afterId)}`);
    const sql = `SELECT ${CFDI_META_COLUMNS} FROM cfdis c WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ${p(Math.max(0, Math.trunc(f.limit)))} OFFSET ${p(Math.max(0, Math.trunc(f.offset ?? 0)))}`;
    return (await this.q(sql, args)).map((r) => toCfdi(r)!);
  }

  async getCfdiXml(id: number): Promise<string | undefined> {
    return (await this.one('SELECT xml FROM cfdis WHERE id = $1', [id]))?.xml;
  }

  async getCfdiPdf(id: number): Promise<Buffer | undefined> {
    return (await this.one('SELECT pdf FROM cfdis WHERE id = $1', [id]))?.pdf ?? undefined;
  }

  async getCfdiPrinted(id: number): Promise<DatosImpresos | undefined> {
    return (await this.one('SELECT printed FROM cfdis WHERE id = $1', [id]))?.printed ?? undefined;
  }

  // ── Directories ──────────────────────────────────────────────────────────

  async upsertReceptores(empresaId: number, rows: ReceptorDirectorio[]): Promise<number> {
    const unique = lastByKey(rows, (r) => r.clave);
    await this.tx(async (c) => {
      for (let i = 0; i < unique.length; i += BATCH) {
        const b = unique.slice(i, i + BATCH);
        const col = (f: (r: ReceptorDirectorio) => string | undefined) => b.map((r) => f(r) ?? null);
        await c.query(`INSERT INTO receptores (empresa_id, clave, rfc, nombre, regimen_fiscal, domicilio_fiscal, uso_cfdi, email)
          SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
          ON CONFLICT (empresa_id, clave) DO UPDATE SET rfc = excluded.rfc, nombre = excluded.nombre, regimen_fiscal = excluded.regimen_fiscal,
            domicilio_fiscal = excluded.domicilio_fiscal, uso_cfdi = excluded.uso_cfdi, email = excluded.email`,
        [empresaId, col((r) => r.clave), col((r) => r.rfc), col((r) => r.nombre), col((r) => r.regimenFiscal),
          col((r) => r.domicilioFiscal), col((r) => r.usoCfdi), col((r) => r.email)]);
      }
    });
    return unique.length;
  }

  /** By the client's clave first, then by RFC (the lowest clave when several share it). */
  async findReceptor(empresaId: number, claveORfc: string): Promise<ReceptorDirectorio | undefined> {
    return toReceptor(await this.one(receptorPor('$2'), [empresaId, claveORfc]));
  }

  /**
   * One statement, one round trip: each key's receptor as findReceptor picks it (one row
   * per key, however many share a generic RFC) and the products, as json rows.
   */
  async findDirectorio(empresaId: number, q: DirectorioConsulta): Promise<DirectorioEncontrado> {
    const r = await this.one(`SELECT
        (SELECT json_agg(json_build_object('key', k.key, 'row', to_json(r))) FROM unnest($2::text[]) AS k(key)
          CROSS JOIN LATERAL (${receptorPor('k.key')}) r) AS receptores,
        (SELECT json_agg(p) FROM productos p WHERE empresa_id = $1 AND codigo = ANY($3::text[])) AS productos`,
    [empresaId, q.receptores, q.productos]);
    const receptores = (r?.receptores ?? []) as { key: string; row: Row }[];
    const productos = (r?.productos ?? []) as Row[];
    return {
      receptores: new Map(receptores.map((x) => [x.key, toReceptor(x.row)!])),
      productos: new Map(productos.map((p) => [p.codigo as string, toProducto(p)!])),
    };
  }

  async listReceptores(empresaId: number, limit: number, offset: number): Promise<ReceptorDirectorio[]> {
    return (await this.q('SELECT * FROM receptores WHERE empresa_id = $1 ORDER BY clave LIMIT $2 OFFSET $3', [empresaId, limit, offset]))
      .map((r) => toReceptor(r)!);
  }

  async upsertProductos(empresaId: number, rows: ProductoDirectorio[]): Promise<number> {
    const unique = lastByKey(rows, (r) => r.codigo);
    await this.tx(async (c) => {
      for (let i = 0; i < unique.length; i += BATCH) {
        const b = unique.slice(i, i + BATCH);
        const col = (f: (r: ProductoDirectorio) => string | undefined) => b.map((r) => f(r) ?? null);
        await c.query(`INSERT INTO productos (empresa_id, codigo, clave_prod_serv, clave_unidad, unidad, objeto_imp, tax_profile, descripcion)
          SELECT $1::bigint, * FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[])
          ON CONFLICT (empresa_id, codigo) DO UPDATE SET clave_prod_serv = excluded.clave_prod_serv, clave_unidad = excluded.clave_unidad,
            unidad = excluded.unidad, objeto_imp = excluded.objeto_imp, tax_profile = excluded.tax_profile, descripcion = excluded.descripcion`,
        [empresaId, col((r) => r.codigo), col((r) => r.claveProdServ), col((r) => r.claveUnidad), col((r) => r.unidad),
          col((r) => r.objetoImp), col((r) => (r.taxProfile ? JSON.stringify(r.taxProfile) : undefined)), col((r) => r.descripcion)]);
      }
    });
    return unique.length;
  }

  async findProducto(empresaId: number, codigo: string): Promise<ProductoDirectorio | undefined> {
    return toProducto(await this.one('SELECT * FROM productos WHERE empresa_id = $1 AND codigo = $2', [empresaId, codigo]));
  }

  async listProductos(empresaId: number, limit: number, offset: number): Promise<ProductoDirectorio[]> {
    return (await this.q('SELECT * FROM productos WHERE empresa_id = $1 ORDER BY codigo LIMIT $2 OFFSET $3', [empresaId, limit, offset]))
      .map((r) => toProducto(r)!);
  }

  // ── SAT catalogs ─────────────────────────────────────────────────────────

  /** One transaction: readers keep seeing the previous catalog until it commits (MVCC). */
  async replaceCatalog(catalog: string, rows: AsyncIterable<CatalogRow[]> | Iterable<CatalogRow[]>, source: string): Promise<number> {
    return this.tx(async (c) => {
      await c.query('DELETE FROM catalog_rows WHERE catalog = $1', [catalog]);
      for await (const batch of rows) {
        const unique = lastByKey(batch, (r) => r.key);
        for (let i = 0; i < unique.length; i += BATCH) {
          const b = unique.slice(i, i + BATCH);
          await c.query(`INSERT INTO catalog_rows (catalog, key, vigencia_desde, vigencia_hasta, data)
            SELECT $1::text, * FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[])
            ON CONFLICT (catalog, key) DO UPDATE SET vigencia_desde = excluded.vigencia_desde, vigencia_hasta = excluded.vigencia_hasta, data = excluded.data`,
          [catalog, b.map((r) => r.key), b.map((r) => r.vigenciaDesde ?? null), b.map((r) => r.vigenciaHasta ?? null), b.map((r) => JSON.stringify(r.data))]);
        }
      }
      const n = Number((await c.query('SELECT count(*) AS n FROM catalog_rows WHERE catalog = $1', [catalog])).rows[0].n);
      await c.query(`INSERT INTO catalog_imports (catalog, rows, source, imported_at) VALUES ($1, $2, $3, $4)
        ON CONFLICT (catalog) DO UPDATE SET rows = excluded.rows, source = excluded.source, imported_at = excluded.imported_at`,
      [catalog, n, source, isoInstant(this.clock())]);
      return n;
    });
  }

  async catalogStatus(): Promise<CatalogImportMeta[]> {
    return (await this.q('SELECT * FROM catalog_imports ORDER BY catalog')).map(toCatalogImport);
  }

  async lookupCatalog(catalog: string, keys: string[]): Promise<Map<string, CatalogRow>> {
    const out = new Map<string, CatalogRow>();
    if (keys.length === 0) return out;
    for (const r of await this.q('SELECT * FROM catalog_rows WHERE catalog = $1 AND key = ANY($2::text[])', [catalog, keys])) {
      out.set(r.key, toCatalogRow(r));
    }
    return out;
  }

  // ── Meta ─────────────────────────────────────────────────────────────────

  async getMeta(key: string): Promise<string | undefined> {
    return (await this.one('SELECT value FROM meta WHERE key = $1', [key]))?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    await this.q('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [key, value]);
  }

  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    const ins = await this.q('INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING value', [key, value]);
    if (ins.length) return ins[0].value as string;
    // Another writer won. Read it in a new statement: one statement's snapshot predates a
    // row that a concurrent transaction committed while this INSERT waited on its conflict.
    const rows = await this.q('SELECT value FROM meta WHERE key = $1', [key]);
    if (!rows.length) throw new Error(`meta ${key}: the conflicting row vanished`);
    return rows[0].value as string;
  }

  // ── Notices of a document (issue 10) ──
}
