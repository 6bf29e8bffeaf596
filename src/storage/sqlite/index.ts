/**
 * The SQLite storage adapter (the embedded default). One connection per `Store`;
 * several stores on the same file (worker threads, other processes) are safe:
 * every read-then-write runs in an IMMEDIATE transaction, which takes the write lock
 * before reading, so no two connections decide from the same snapshot.
 *
 * Jobs are inserted here (with the peticion); `queue/sqlite` owns them afterwards.
 */
import type Database from 'better-sqlite3';
import { BroadcastChannel } from 'node:worker_threads';
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
import { openDatabase, statementCache, wakeChannelName, type SqliteOptions } from './connection.ts';
import { migrateSqlite } from './migrations.ts';
import { WalSync } from './wal-sync.ts';
import { withWriteLock, writeLockView } from './write-lock.ts';

// The two reads every PUT and GET make: their SQL built once, not on each request.
const DESTINO_SQL = destinoSql('@key', '@tipo', '@sucursal');
const CONSULTA_SQL = consultaSql(`instr(c.xml, 'MetodoPago="PPD"') > 0`, '@key', '@id');
const INSERT_PETICION = `INSERT INTO peticiones (empresa_id, tipo_id, sucursal_id, archivo_fuente, created_at, expires_at, suscripciones)
  VALUES (@empresa, @tipo, @sucursal, @archivo, @created, @expires, ${haySuscripcionesSql('@empresa', '@tipo')}) RETURNING id`;

export interface SqliteStoreOptions extends SqliteOptions {
  file: string;
  busyTimeoutMs?: number;
  /** Source of `createdAt` for new empresas; tests pass a fixed clock. */
  clock?: () => Date;
  /** Shared by the threads of one process (see write-lock.ts): writers queue on it, not in busy_timeout. */
  writeLock?: SharedArrayBuffer;
}

export function openSqliteStore(o: SqliteStoreOptions): Store {
  return new SqliteStore(o);
}

class SqliteStore implements Store {
  private readonly db: Database.Database;
  private readonly clock: () => Date;
  private readonly channelName: string;
  private channel?: BroadcastChannel;
  private readonly lock?: Int32Array;
  private readonly walSync?: WalSync;

  constructor(o: SqliteStoreOptions) {
    this.db = openDatabase(o);
    this.q = statementCache(this.db);
    this.lock = writeLockView(o.writeLock);
    this.walSync = o.file === ':memory:' || o.file === '' ? undefined : new WalSync(o.file);
    this.clock = o.clock ?? (() => new Date());
    this.channelName = wakeChannelName(o.file);
  }

  /** Prepared statements, cached per SQL text (prepared lazily: tables may not exist before migrate). */
  private readonly q: (sql: string) => Database.Statement;
  /**
   * Runs a write whose commit must survive a power loss, then waits for the WAL's fsync
   * (wal-sync.ts): after the write lock is released, and off the event loop. Every commit
   * is synchronous=NORMAL, which survives a process crash; the other writes, if a power loss
   * drops them, are redone from the previous durable stage.
   */
  private async durably<T>(write: () => T): Promise<T> {
    const r = write();
    await this.walSync?.sync();
    return r;
  }

  /** Every write (a transaction or a single statement) runs under the process's write lock. */
  private write<T>(fn: () => T): T {
    return withWriteLock(this.lock, fn);
  }

  async migrate(): Promise<void> {
    this.write(() => migrateSqlite(this.db, this.clock));
  }

  async close(): Promise<void> {
    this.channel?.close();
    this.channel = undefined;
    if (this.db.open) this.db.close();
    this.walSync?.close();
  }

  // ── Tenants ──────────────────────────────────────────────────────────────

  async createEmpresa(e: NewEmpresa): Promise<Empresa> {
    const createdAt = isoInstant(this.clock());
    const r = this.write(() => this.q('INSERT INTO empresas (key, rfc, nombre, regimen_fiscal, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id')
      .get(e.key, e.rfc, e.nombre, e.regimenFiscal, createdAt)) as Row;
    return { id: r.id, ...e, createdAt };
  }

  async getEmpresa(id: number): Promise<Empresa | undefined> {
    return toEmpresa(this.q('SELECT * FROM empresas WHERE id = ?').get(id) as Row | undefined);
  }

  async getEmpresaByKey(key: string): Promise<Empresa | undefined> {
    return toEmpresa(this.q(`SELECT ${EMPRESA_SIN_LOGO} FROM empresas WHERE key = ?`).get(key) as Row | undefined);
  }

  async getEmpresaByRfc(rfc: string): Promise<Empresa | undefined> {
    return toEmpresa(this.q('SELECT * FROM empresas WHERE rfc = ?').get(rfc) as Row | undefined);
  }

  async listEmpresas(): Promise<Empresa[]> {
    return (this.q('SELECT * FROM empresas ORDER BY id').all() as Row[]).map((r) => toEmpresa(r)!);
  }

  async updateEmpresaBranding(id: number, b: { logo?: Buffer | null; color?: string | null; template?: string | null }): Promise<void> {
    // undefined leaves a field as it is; null clears it.
    const sets: string[] = [];
    const args: unknown[] = [];
    for (const [col, v] of [['logo', b.logo], ['color', b.color], ['template', b.template]] as const) {
      if (v === undefined) continue;
      sets.push(`${col} = ?`);
      args.push(v);
    }
    if (sets.length) this.write(() => this.q(`UPDATE empresas SET ${sets.join(', ')} WHERE id = ?`).run(...args, id));
  }

  async setEmpresaKey(id: number, key: string): Promise<void> {
    const r = this.write(() => this.q('UPDATE empresas SET key = ? WHERE id = ?').run(key, id));
    if (r.changes === 0) throw notFound('empresa', id);
  }

  async saveCsd(c: CsdRecord): Promise<void> {
    // Re-importing a certificate makes it the current one again (highest id).
    this.write(() => this.db.transaction(() => {
      this.q('DELETE FROM csds WHERE empresa_id = ? AND no_certificado = ?').run(c.empresaId, c.noCertificado);
      this.q(`INSERT INTO csds (empresa_id, no_certificado, cer, key_encrypted, password_encrypted, valid_from, valid_to)
                  VALUES (?, ?, ?, ?, ?, ?, ?)`)
        .run(c.empresaId, c.noCertificado, c.cer, c.keyEncrypted, c.passwordEncrypted, isoInstant(c.validFrom), isoInstant(c.validTo));
    }).immediate());
  }

  async getCsd(empresaId: number): Promise<CsdRecord | undefined> {
    return toCsd(this.q('SELECT * FROM csds WHERE empresa_id = ? ORDER BY id DESC LIMIT 1').get(empresaId) as Row | undefined);
  }

  async createSucursal(s: NewSucursal): Promise<Sucursal> {
    const r = this.write(() => this.q('INSERT INTO sucursales (empresa_id, nombre, codigo_postal, domicilio) VALUES (?, ?, ?, ?) RETURNING id')
      .get(s.empresaId, s.nombre, s.codigoPostal, s.domicilio ?? null)) as Row;
    return compact<Sucursal>({ id: r.id, ...s });
  }

  async getSucursal(id: number): Promise<Sucursal | undefined> {
    return toSucursal(this.q('SELECT * FROM sucursales WHERE id = ?').get(id) as Row | undefined);
  }

  async listSucursales(empresaId: number): Promise<Sucursal[]> {
    return (this.q('SELECT * FROM sucursales WHERE empresa_id = ? ORDER BY id').all(empresaId) as Row[]).map((r) => toSucursal(r)!);
  }

  async createTipo(t: NewTipoCfd): Promise<TipoCfd> {
    const r = this.write(() => this.q(`INSERT INTO tipos (empresa_id, codigo, nombre, serie, next_folio, connector, layout_version, defaults, template, color)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`)
      .get(t.empresaId, t.codigo, t.nombre, t.serie ?? null, t.nextFolio, t.connector, t.layoutVersion,
        JSON.stringify(t.defaults), t.template ?? null, t.color ?? null)) as Row;
    return (await this.getTipo(r.id))!;
  }

  async getTipo(id: number): Promise<TipoCfd | undefined> {
    return toTipo(this.q('SELECT * FROM tipos WHERE id = ?').get(id) as Row | undefined);
  }

  async listTipos(empresaId: number): Promise<TipoCfd[]> {
    return (this.q('SELECT * FROM tipos WHERE empresa_id = ? ORDER BY id').all(empresaId) as Row[]).map((r) => toTipo(r)!);
  }

  async updateTipo(id: number, patch: Partial<Omit<TipoCfd, 'id' | 'empresaId' | 'nextFolio'>>): Promise<void> {
    const { columns, values } = tipoPatch(patch);
    if (columns.length) this.write(() => this.q(`UPDATE tipos SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE id = ?`).run(...values, id));
  }

  // ── Peticiones ───────────────────────────────────────────────────────────

  /**
   * The peticion and its job in one transaction: a peticion is queued exactly when
   * its job row exists. The job is runnable from `createdAt` (or now, if `createdAt`
   * lies ahead: a caller's clock must not hold a job back). Threads of this process
   * waiting in `queue/sqlite` are woken through the file's BroadcastChannel.
   *
   * Group commit: the requests that arrive in one turn of the event loop are committed
   * together, one transaction and one fsync, at the end of that turn (setImmediate runs
   * after the turn's I/O callbacks). Each caller's promise resolves only after the commit,
   * so a 200 still means durable. A lone request waits for nothing.
   */
  async createPeticion(p: NewPeticion): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.accepted.push({ p, resolve, reject });
      if (this.accepted.length === 1) setImmediate(() => this.commitAccepted());
    });
  }

  private accepted: Array<{ p: NewPeticion; resolve: (id: number) => void; reject: (e: unknown) => void }> = [];

  private commitAccepted(): void {
    const batch = this.accepted;
    this.accepted = [];
    const insert = (items: typeof batch) => this.write(() => this.db.transaction(() => items.map((b) => this.insertPeticion(b.p))).immediate());
    const committed: Array<{ b: (typeof batch)[number]; id: number }> = [];
    try {
      insert(batch).forEach((id, i) => committed.push({ b: batch[i]!, id }));
    } catch (e) {
      if (batch.length === 1) {
        batch[0]!.reject(e);
        return;
      }
      // One bad request (say, its tipo was just deleted) must not fail the others: each alone.
      for (const b of batch) {
        try {
          committed.push({ b, id: insert([b])[0]! });
        } catch (e2) {
          b.reject(e2);
        }
      }
    }
    if (!committed.length) return;
    // One fsync for the whole batch, after the lock is released; each 200 waits for it. The
    // pipeline threads are woken with the answers, after the fsync: woken at the commit, at
    // 80 documents/s they took the cores from the API thread during it (PUT p50 +1 ms).
    const synced = this.walSync?.sync() ?? Promise.resolve();
    synced.then(
      () => {
        committed.forEach((c) => c.b.resolve(c.id));
        this.wakeWorkers();
      },
      (e: unknown) => committed.forEach((c) => c.b.reject(e)),
    );
  }

  /** The peticion (with whether anyone is subscribed to its end), its job and its empresa's queue lane; inside the caller's transaction. */
  private insertPeticion(p: NewPeticion): number {
    const createdAt = isoInstant(p.createdAt);
    const r = this.q(INSERT_PETICION)
      .get({ empresa: p.empresaId, tipo: p.tipoId, sucursal: p.sucursalId, archivo: p.archivoFuente, created: createdAt, expires: isoInstant(p.expiresAt) }) as Row;
    this.q('INSERT INTO jobs (peticion_id, empresa_id, run_at) VALUES (?, ?, ?)').run(r.id, p.empresaId, Math.min(Date.parse(createdAt), Date.now()));
    this.q('INSERT INTO queue_lanes (empresa_id) VALUES (?) ON CONFLICT DO NOTHING').run(p.empresaId);
    return r.id as number;
  }

  /** The IMMEDIATE transaction serializes every claimer of the file: look, then write. */
  async createPeticionIdempotent(p: NewPeticion, k: ClaveIdempotencia): Promise<{ peticionId: number; huella: string; nueva: boolean }> {
    // Synced even when the key was held: the call that holds it may still be waiting for its fsync.
    const r = await this.durably(() => this.write(() => this.db.transaction(() => {
      const held = this.q('SELECT huella, peticion_id FROM idempotencias WHERE empresa_id = ? AND clave = ? AND created_at >= ?')
        .get(p.empresaId, k.clave, isoInstant(k.vigenteDesde)) as Row | undefined;
      if (held) return { peticionId: held.peticion_id as number, huella: held.huella as string, nueva: false };
      const peticionId = this.insertPeticion(p);
      this.q(`INSERT INTO idempotencias (empresa_id, clave, huella, peticion_id, created_at) VALUES (?, ?, ?, ?, ?)
              ON CONFLICT (empresa_id, clave) DO UPDATE SET huella = excluded.huella, peticion_id = excluded.peticion_id, created_at = excluded.created_at`)
        .run(p.empresaId, k.clave, k.huella, peticionId, isoInstant(p.createdAt));
      return { peticionId, huella: k.huella, nueva: true };
    }).immediate()));
    if (r.nueva) this.wakeWorkers();
    return r;
  }

  async getPeticion(id: number): Promise<Peticion | undefined> {
    const r = this.q('SELECT p.*, c.uuid FROM peticiones p LEFT JOIN cfdis c ON c.id = p.cfdi_id WHERE p.id = ?')
      .get(id) as Row | undefined;
    return toPeticion(r);
  }

  async destinoPeticion(keyEmpresa: string, tipoId: number, sucursalId: number): Promise<DestinoPeticion | undefined> {
    return toDestino(this.destino(keyEmpresa, tipoId, sucursalId));
  }

  private destino(keyEmpresa: string, tipoId: number, sucursalId: number): Row | undefined {
    return this.q(DESTINO_SQL).get({ key: keyEmpresa, tipo: tipoId, sucursal: sucursalId }) as Row | undefined;
  }

  /**
   * Check, then insert: statements here cost no round trip, so the check runs at once,
   * outside the write lock (a refused request never takes it, and the group commit's
   * transaction holds the lock no longer than before), and an accepted one joins the
   * group commit of createPeticion. Tipos and sucursales never change empresa, and a row
   * removed in between fails its own insert alone (foreign key), as in createPeticion.
   */
  async createPeticionForKey(keyEmpresa: string, p: Omit<NewPeticion, 'empresaId'>): Promise<PeticionForKey> {
    const r = this.destino(keyEmpresa, p.tipoId, p.sucursalId);
    return faltante(r) ?? { peticionId: await this.createPeticion({ ...p, empresaId: r!.id as number }) };
  }

  async consultarPeticion(keyEmpresa: string, peticionId: number): Promise<ConsultaPeticion | undefined> {
    return toConsulta(this.q(CONSULTA_SQL).get({ key: keyEmpresa, id: peticionId }) as Row | undefined);
  }

  /**
   * Idempotent per peticion. The Serie-Folio is reserved in `series_folios` and written
   * on the peticion in the same IMMEDIATE transaction (with the tipo's counter when the
   * document gives no Folio), so concurrent callers (threads or processes) are
   * serialized by the write lock: no Serie-Folio is handed out twice, none is consumed
   * without being recorded on a peticion, and a refused one leaves the counter alone.
   */
  async assignFolio(peticionId: number, given: { serie?: string; folio?: string } = {}): Promise<{ serie?: string; folio: string }> {
    return this.write(() => this.db.transaction(() => {
      const p = this.q('SELECT p.empresa_id, p.tipo_id, p.serie, p.folio, t.serie AS tipo_serie FROM peticiones p LEFT JOIN tipos t ON t.id = p.tipo_id WHERE p.id = ?')
        .get(peticionId) as Row | undefined;
      if (!p) throw notFound('peticion', peticionId);
      if (p.folio != null) return compact<{ serie?: string; folio: string }>({ serie: p.serie, folio: p.folio });
      const reserve = this.q('INSERT INTO series_folios (empresa_id, serie, folio, peticion_id) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
      let serie: string | null = given.serie ?? p.tipo_serie ?? null;
      let folio = given.folio;
      if (folio !== undefined) {
        if (reserve.run(p.empresa_id, serie ?? '', folio, peticionId).changes === 0) {
          const held = this.q('SELECT c.uuid FROM series_folios s LEFT JOIN cfdis c ON c.peticion_id = s.peticion_id WHERE s.empresa_id = ? AND s.serie = ? AND s.folio = ?')
            .get(p.empresa_id, serie ?? '', folio) as Row | undefined;
          throw folioDuplicado(serie ?? '', folio, held?.uuid ?? undefined);
        }
      } else {
        const next = this.q('UPDATE tipos SET next_folio = next_folio + 1 WHERE id = ? RETURNING serie, next_folio - 1 AS folio');
        for (let skipped = 0; folio === undefined; skipped++) {
          const t = next.get(p.tipo_id) as Row | undefined;
          if (!t) throw notFound('tipo', p.tipo_id);
          serie = given.serie ?? t.serie ?? null;
          // A folio the client already took in this serie is skipped.
          if (reserve.run(p.empresa_id, serie ?? '', String(t.folio), peticionId).changes > 0) folio = String(t.folio);
          else if (skipped >= MAX_FOLIOS_SALTADOS) throw folioDuplicado(serie ?? '', String(t.folio), undefined);
        }
      }
      this.q('UPDATE peticiones SET serie = ?, folio = ? WHERE id = ?').run(serie, folio, peticionId);
      return compact<{ serie?: string; folio: string }>({ serie: serie ?? undefined, folio });
    }).immediate());
  }

  async releaseFolio(peticionId: number): Promise<void> {
    this.write(() => this.q('DELETE FROM series_folios WHERE peticion_id = ? AND NOT EXISTS (SELECT 1 FROM cfdis WHERE peticion_id = ?)').run(peticionId, peticionId));
  }

  /** The first sealed XML wins: a retried job gets back the XML it must stamp. */
  async saveSealed(peticionId: number, sealedXml: string, printed: DatosImpresos, advertencias?: string[]): Promise<string> {
    // Durable before the caller sends it to the PAC: the WAL fsync also covers the folio
    // assigned just before. Lost after stamping, it would be sealed again with another
    // Fecha, and a real PAC would stamp a second CFDI with the same folio.
    // One statement: every right-hand side reads the row as it was, so a sealed XML stored
    // before stays with its printed data and stage; the notices are replaced either way.
    const r = await this.durably(() => this.write(() => this.q(`UPDATE peticiones SET
        advertencias = CASE WHEN @has_advertencias THEN @advertencias ELSE advertencias END,
        printed = CASE WHEN sealed_xml IS NULL THEN @printed ELSE printed END,
        stage = CASE WHEN sealed_xml IS NULL AND stage = 'queued' THEN 'sealed' ELSE stage END,
        sealed_xml = coalesce(sealed_xml, @sealed_xml)
      WHERE id = @id RETURNING sealed_xml`).get({
      id: peticionId, sealed_xml: sealedXml, printed: JSON.stringify(printed),
      has_advertencias: advertencias ? 1 : 0, advertencias: advertencias ? advertenciasValue(advertencias) : null,
    }) as Row | undefined));
    if (!r) throw notFound('peticion', peticionId);
    return r.sealed_xml as string;
  }

  /**
   * Stores the CFDI once per peticion (a second call returns the first CFDI's id) and
   * moves the peticion to `stamped`. The printed data is copied to the CFDI because
   * peticiones expire and CFDIs do not.
   */
  async saveStamped(peticionId: number, xml: string, meta: CfdiMeta, pdf?: Buffer): Promise<number> {
    return this.write(() => this.db.transaction(() => {
      const p = this.q('SELECT empresa_id, sucursal_id, tipo_id, cfdi_id, printed FROM peticiones WHERE id = ?').get(peticionId) as Row | undefined;
      if (!p) throw notFound('peticion', peticionId);
      if (p.cfdi_id != null) {
        // Stored before (the same stamp: a PAC answers a repeated request with it).
        if (pdf) this.storePdf(peticionId, p.cfdi_id as number, pdf);
        return p.cfdi_id as number;
      }
      const clash = this.q('SELECT peticion_id FROM cfdis WHERE uuid = ?').get(meta.uuid) as Row | undefined;
      if (clash) throw new AppError('BD_DUPLICADO', `El UUID ${meta.uuid} ya está guardado para la petición ${clash.peticion_id}`);
      let r: Row;
      try {
        r = this.q(`INSERT INTO cfdis (empresa_id, sucursal_id, tipo_id, peticion_id, uuid, serie, folio, folio_num, fecha,
                      fecha_timbrado, rfc_emisor, rfc_receptor, nombre_receptor, moneda, tipo_cambio, sub_total, descuento, total,
                      iva, tipo_de_comprobante, produccion, pedimento, fecha_pedimento, aduana, xml, printed, created_at)
                    VALUES (@empresa_id, @sucursal_id, @tipo_id, @peticion_id, @uuid, @serie, @folio, @folio_num, @fecha,
                      @fecha_timbrado, @rfc_emisor, @rfc_receptor, @nombre_receptor, @moneda, @tipo_cambio, @sub_total, @descuento, @total,
                      @iva, @tipo_de_comprobante, @produccion, @pedimento, @fecha_pedimento, @aduana, @xml, @printed, @created_at)
                    RETURNING id`)
          .get({
            ...cfdiMetaValues(meta),
            empresa_id: p.empresa_id,
            sucursal_id: p.sucursal_id,
            tipo_id: p.tipo_id,
            peticion_id: peticionId,
            produccion: meta.produccion ? 1 : 0,
            xml,
            printed: p.printed,
            created_at: isoInstant(this.clock()),
          }) as Row;
      } catch (e) {
        if ((e as { code?: string }).code?.startsWith('SQLITE_CONSTRAINT')) {
          throw new AppError('BD_DUPLICADO', `La serie-folio ${meta.serie ?? ''}${meta.folio ?? ''} ya está guardada: ${(e as Error).message}`);
        }
        throw e;
      }
      this.q(`UPDATE peticiones SET cfdi_id = ?, stage = 'stamped' WHERE id = ?`).run(r.id, peticionId);
      if (pdf) this.storePdf(peticionId, r.id as number, pdf);
      return r.id as number;
    }).immediate());
  }

  /** `null` records that the CFDI is served without a PDF (rendering failed for good). */
  async savePdf(peticionId: number, pdf: Buffer | null): Promise<void> {
    this.write(() => this.db.transaction(() => {
      const p = this.q('SELECT cfdi_id FROM peticiones WHERE id = ?').get(peticionId) as Row | undefined;
      if (!p) throw notFound('peticion', peticionId);
      if (p.cfdi_id == null) throw new AppError('BD_NO_ENCONTRADO', `La petición ${peticionId} no tiene CFDI timbrado`);
      this.storePdf(peticionId, p.cfdi_id as number, pdf);
    }).immediate());
  }

  /** Inside a write transaction: the CFDI's PDF (or its absence) and the peticion's end. */
  private storePdf(peticionId: number, cfdiId: number, pdf: Buffer | null): void {
    this.q('UPDATE cfdis SET pdf = ?, has_pdf = ? WHERE id = ?').run(pdf, pdf ? 1 : 0, cfdiId);
    this.q(`UPDATE peticiones SET stage = 'done' WHERE id = ?`).run(peticionId);
  }

  async failPeticion(peticionId: number, errors: string[], advertencias?: string[]): Promise<void> {
    const r = this.write(() => (advertencias
      ? this.q(`UPDATE peticiones SET stage = 'error', errors = ?, advertencias = ? WHERE id = ?`).run(JSON.stringify(errors), advertenciasValue(advertencias), peticionId)
      : this.q(`UPDATE peticiones SET stage = 'error', errors = ? WHERE id = ?`).run(JSON.stringify(errors), peticionId)));
    if (r.changes === 0) throw notFound('peticion', peticionId);
  }

  /**
   * Deletes expired peticiones whose job is finished (done or dead); their jobs go with
   * them (ON DELETE CASCADE). A peticion whose job is still ready or running is kept
   * until a later purge, so a worker never loses the row under its feet. CFDIs stay.
   */
  async purgeExpired(now: string): Promise<number> {
    const r = this.write(() => this.q(`DELETE FROM peticiones WHERE expires_at < ?
                AND NOT EXISTS (SELECT 1 FROM jobs j WHERE j.peticion_id = peticiones.id AND j.state IN ('ready', 'running'))`)
      .run(isoInstant(now)));
    return r.changes;
  }

  // ── CFDIs ────────────────────────────────────────────────────────────────

  async getCfdi(id: number): Promise<CfdiRecord | undefined> {
    return toCfdi(this.q(`SELECT ${CFDI_META_COLUMNS} FROM cfdis c WHERE c.id = ?`).get(id) as Row | undefined);
  }

  async getCfdiByUuid(empresaId: number, uuid: string): Promise<CfdiRecord | undefined> {
    return toCfdi(this.q(`SELECT ${CFDI_META_COLUMNS} FROM cfdis c WHERE c.uuid = ? AND c.empresa_id = ?`).get(uuid, empresaId) as Row | undefined);
  }

  /** Keyset pagination by id; see `fechaBounds` for the date bounds. */
  async listCfdis(f: CfdiFilter): Promise<CfdiRecord[]> {
    const where = ['c.empresa_id = ?'];
    const args: unknown[] = [f.empresaId];
    const b = fechaBounds(f.fechaInicial, f.fechaFinal);
    if (b.from !== undefined) { where.push('c.fecha >= ?'); args.push(b.from); }
    if (b.toInclusive !== undefined) { where.push('c.fecha <= ?'); args.push(b.toInclusive); }
    if (b.toExclusive !== undefined) { where.push('c.fecha < ?'); args.push(b.toExclusive); }
    if (f.serie !== undefined) { where.push('c.serie = ?'); args.push(f.serie); }
    if (f.folioInicial !== undefined) { where.push('c.folio_num >= ?'); args.push(f.folioInicial); }
    if (f.folioFinal !== undefined) { where.push('c.folio_num <= ?'); args.push(f.folioFinal); }
    if (f.produccion !== undefined) { where.push('c.produccion = ?'); args.push(f.produccion ? 1 : 0); }
    if (f.afterId !== undefined) { where.push('c.id > ?'); args.push(f.afterId); }
    const rows = this.q(`SELECT ${CFDI_META_COLUMNS} FROM cfdis c WHERE ${where.join(' AND ')} ORDER BY c.id LIMIT ? OFFSET ?`)
      .all(...args, Math.max(0, Math.trunc(f.limit)), Math.max(0, Math.trunc(f.offset ?? 0))) as Row[];
    return rows.map((r) => toCfdi(r)!);
  }

  async getCfdiXml(id: number): Promise<string | undefined> {
    return (this.q('SELECT xml FROM cfdis WHERE id = ?').get(id) as Row | undefined)?.xml;
  }

  async getCfdiPdf(id: number): Promise<Buffer | undefined> {
    return (this.q('SELECT pdf FROM cfdis WHERE id = ?').get(id) as Row | undefined)?.pdf ?? undefined;
  }

  async getCfdiPrinted(id: number): Promise<DatosImpresos | undefined> {
    const r = this.q('SELECT printed FROM cfdis WHERE id = ?').get(id) as Row | undefined;
    return r?.printed == null ? undefined : JSON.parse(r.printed);
  }

  // ── Directories ──────────────────────────────────────────────────────────

  async upsertReceptores(empresaId: number, rows: ReceptorDirectorio[]): Promise<number> {
    const stmt = this.q(`INSERT INTO receptores (empresa_id, clave, rfc, nombre, regimen_fiscal, domicilio_fiscal, uso_cfdi, email)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (empresa_id, clave) DO UPDATE SET rfc = excluded.rfc, nombre = excluded.nombre, regimen_fiscal = excluded.regimen_fiscal,
        domicilio_fiscal = excluded.domicilio_fiscal, uso_cfdi = excluded.uso_cfdi, email = excluded.email`);
    const unique = lastByKey(rows, (r) => r.clave);
    this.write(() => this.db.transaction(() => {
      for (const r of unique) {
        stmt.run(empresaId, r.clave, r.rfc, r.nombre ?? null, r.regimenFiscal ?? null, r.domicilioFiscal ?? null, r.usoCfdi ?? null, r.email ?? null);
      }
    }).immediate());
    return unique.length;
  }

  async findReceptor(empresaId: number, claveORfc: string): Promise<ReceptorDirectorio | undefined> {
    return this.receptor(empresaId, claveORfc);
  }

  /** By the client's clave first, then by RFC (the lowest clave when several share it). */
  private receptor(empresaId: number, claveORfc: string): ReceptorDirectorio | undefined {
    return toReceptor((this.q('SELECT * FROM receptores WHERE empresa_id = ? AND clave = ?').get(empresaId, claveORfc)
      ?? this.q('SELECT * FROM receptores WHERE empresa_id = ? AND rfc = ? ORDER BY clave LIMIT 1').get(empresaId, claveORfc)) as Row | undefined);
  }

  /** In-process: no round trip to save, so the single look-ups composed. */
  async findDirectorio(empresaId: number, q: DirectorioConsulta): Promise<DirectorioEncontrado> {
    const receptores = new Map<string, ReceptorDirectorio>();
    for (const k of q.receptores) {
      const r = this.receptor(empresaId, k);
      if (r) receptores.set(k, r);
    }
    const rows = !q.productos.length ? [] : this.q('SELECT * FROM productos WHERE empresa_id = ? AND codigo IN (SELECT value FROM json_each(?))')
      .all(empresaId, JSON.stringify(q.productos)) as Row[];
    return { receptores, productos: new Map(rows.map((r) => [r.codigo as string, toProducto(r)!])) };
  }

  async listReceptores(empresaId: number, limit: number, offset: number): Promise<ReceptorDirectorio[]> {
    return (this.q('SELECT * FROM receptores WHERE empresa_id = ? ORDER BY clave LIMIT ? OFFSET ?').all(empresaId, limit, offset) as Row[])
      .map((r) => toReceptor(r)!);
  }

  async upsertProductos(empresaId: number, rows: ProductoDirectorio[]): Promise<number> {
    const stmt = this.q(`INSERT INTO productos (empresa_id, codigo, clave_prod_serv, clave_unidad, unidad, objeto_imp, tax_profile, descripcion)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT (empresa_id, codigo) DO UPDATE SET clave_prod_serv = excluded.clave_prod_serv, clave_unidad = excluded.clave_unidad,
        unidad = excluded.unidad, objeto_imp = excluded.objeto_imp, tax_profile = excluded.tax_profile, descripcion = excluded.descripcion`);
    const unique = lastByKey(rows, (r) => r.codigo);
    this.write(() => this.db.transaction(() => {
      for (const r of unique) {
        stmt.run(empresaId, r.codigo, r.claveProdServ ?? null, r.claveUnidad ?? null, r.unidad ?? null, r.objetoImp ?? null,
          r.taxProfile ? JSON.stringify(r.taxProfile) : null, r.descripcion ?? null);
      }
    }).immediate());
    return unique.length;
  }

  async findProducto(empresaId: number, codigo: string): Promise<ProductoDirectorio | undefined> {
    return toProducto(this.q('SELECT * FROM productos WHERE empresa_id = ? AND codigo = ?').get(empresaId, codigo) as Row | undefined);
  }

  async listProductos(empresaId: number, limit: number, offset: number): Promise<ProductoDirectorio[]> {
    return (this.q('SELECT * FROM productos WHERE empresa_id = ? ORDER BY codigo LIMIT ? OFFSET ?').all(empresaId, limit, offset) as Row[])
      .map((r) => toProducto(r)!);
  }

  // ── SAT catalogs ─────────────────────────────────────────────────────────

  /**
   * Batches go to a TEMP table first (per connection, outside the shared write lock),
   * so the slow part of an import does not block workers; the swap is one short
   * IMMEDIATE transaction. Readers see the old catalog until it commits.
   */
  async replaceCatalog(catalog: string, rows: AsyncIterable<CatalogRow[]> | Iterable<CatalogRow[]>, source: string): Promise<number> {
    this.db.exec(`DROP TABLE IF EXISTS temp.catalog_stage;
      CREATE TEMP TABLE catalog_stage (key TEXT PRIMARY KEY, vigencia_desde TEXT, vigencia_hasta TEXT, data TEXT NOT NULL)`);
    try {
      const stage = this.q(`INSERT INTO temp.catalog_stage VALUES (?, ?, ?, ?)
        ON CONFLICT (key) DO UPDATE SET vigencia_desde = excluded.vigencia_desde, vigencia_hasta = excluded.vigencia_hasta, data = excluded.data`);
      const stageBatch = this.db.transaction((batch: CatalogRow[]) => {
        for (const r of batch) stage.run(r.key, r.vigenciaDesde ?? null, r.vigenciaHasta ?? null, JSON.stringify(r.data));
      });
      for await (const batch of rows) stageBatch(batch);
      return this.write(() => this.db.transaction(() => {
        this.q('DELETE FROM catalog_rows WHERE catalog = ?').run(catalog);
        const n = this.q('INSERT INTO catalog_rows (catalog, key, vigencia_desde, vigencia_hasta, data) SELECT ?, key, vigencia_desde, vigencia_hasta, data FROM temp.catalog_stage')
          .run(catalog).changes;
        this.q(`INSERT INTO catalog_imports (catalog, rows, source, imported_at) VALUES (?, ?, ?, ?)
                    ON CONFLICT (catalog) DO UPDATE SET rows = excluded.rows, source = excluded.source, imported_at = excluded.imported_at`)
          .run(catalog, n, source, isoInstant(this.clock()));
        return n;
      }).immediate());
    } finally {
      this.db.exec('DROP TABLE IF EXISTS temp.catalog_stage');
    }
  }

  async catalogStatus(): Promise<CatalogImportMeta[]> {
    return (this.q('SELECT * FROM catalog_imports ORDER BY catalog').all() as Row[]).map(toCatalogImport);
  }

  async lookupCatalog(catalog: string, keys: string[]): Promise<Map<string, CatalogRow>> {
    const out = new Map<string, CatalogRow>();
    if (keys.length === 0) return out;
    const rows = this.q('SELECT * FROM catalog_rows WHERE catalog = ? AND key IN (SELECT value FROM json_each(?))')
      .all(catalog, JSON.stringify(keys)) as Row[];
    for (const r of rows) out.set(r.key, toCatalogRow(r));
    return out;
  }

  // ── Meta ─────────────────────────────────────────────────────────────────

  async getMeta(key: string): Promise<string | undefined> {
    return (this.q('SELECT value FROM meta WHERE key = ?').get(key) as Row | undefined)?.value;
  }

  async setMeta(key: string, value: string): Promise<void> {
    this.write(() => this.q('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value));
  }

  async setMetaIfAbsent(key: string, value: string): Promise<string> {
    this.write(() => this.q('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING').run(key, value));
    return (this.q('SELECT value FROM meta WHERE key = ?').get(key) as Row).value as string;
  }


  /** Tells this process's idle workers (other threads included) that a job arrived. */
  private wakeWorkers(): void {
    if (!this.channel) {
      this.channel = new BroadcastChannel(this.channelName);
      this.channel.unref();
    }
    this.channel.postMessage('job');
  }
}
