/**
 * SQLite schema, as numbered migrations. A migration is never edited once released:
 * changes go in a new one. `schema_migrations` records what has been applied.
 *
 * Conventions (kept in step with `storage/postgres/migrations.ts`):
 * - instants are ISO 8601 UTC text (`isoInstant`), so text order is time order;
 * - Comprobante@Fecha is stored as written (local time of the LugarExpedicion);
 * - amounts are decimal text as written, never REAL;
 * - queue times (`run_at`, `lease_until`) are epoch milliseconds;
 * - ids are AUTOINCREMENT: a plain rowid is reused after the highest row is deleted,
 *   and a purged peticion's id must never name a new one (clients still hold it).
 */
import type Database from 'better-sqlite3';
import { AppError } from '../../shared/errors.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'tenants',
    sql: `
      CREATE TABLE empresas (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key TEXT NOT NULL UNIQUE,
        rfc TEXT NOT NULL UNIQUE,
        nombre TEXT NOT NULL,
        regimen_fiscal TEXT NOT NULL,
        created_at TEXT NOT NULL,
        logo BLOB,
        color TEXT,
        template TEXT
      ) STRICT;
      CREATE TABLE csds (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        empresa_id INTEGER NOT NULL REFERENCES empresas(id) ON DELETE CASCADE,
        no_certificado TEXT NOT NULL,
        cer BLOB NOT NULL,
        key_encrypted BLOB NOT NULL,
        password_encrypted BLOB NOT NULL,
        valid_from TEXT NOT NULL,
        valid_to TEXT NOT NULL,
        UNIQUE (empresa_id, no_certificado)
      ) STRICT;
      CREATE TABLE sucursales (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        empresa_id INTEGER NOT NULL REFERENCES empresas(id) ON DELETE CASCADE,
        nombre TEXT NOT NULL,
        codigo_postal TEXT NOT NULL,
        domicilio TEXT
      ) STRICT;
      CREATE INDEX sucursales_empresa ON sucursales (empresa_id);
      CREATE TABLE tipos (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        empresa_id INTEGER NOT NULL REFERENCES empresas(id) ON DELETE CASCADE,
        codigo TEXT NOT NULL,
        nombre TEXT NOT NULL,
        serie TEXT,
        next_folio INTEGER NOT NULL CHECK (next_folio >= 1),
        connector TEXT NOT NULL,
        layout_version TEXT NOT NULL,
        defaults TEXT NOT NULL,
        template TEXT,
        color TEXT,
        UNIQUE (empresa_id, codigo)
      ) STRICT;
    `,
  },
  {
    version: 2,
    name: 'peticiones, jobs and cfdis',
    sql: `
      CREATE TABLE cfdis (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        empresa_id INTEGER NOT NULL REFERENCES empresas(id),
        sucursal_id INTEGER NOT NULL,
        tipo_id INTEGER NOT NULL,
        -- No foreign key: peticiones expire and are purged, CFDIs stay.
        peticion_id INTEGER NOT NULL UNIQUE,
        uuid TEXT NOT NULL UNIQUE,
        serie TEXT,
        folio TEXT,
        folio_num INTEGER,
        fecha TEXT NOT NULL,
        fecha_timbrado TEXT NOT NULL,
        rfc_emisor TEXT NOT NULL,
        rfc_receptor TEXT NOT NULL,
        nombre_receptor TEXT NOT NULL,
        moneda TEXT NOT NULL,
        tipo_cambio TEXT,
        sub_total TEXT NOT NULL,
        descuento TEXT,
        total TEXT NOT NULL,
        iva TEXT,
        tipo_de_comprobante TEXT NOT NULL,
        produccion INTEGER NOT NULL,
        pedimento TEXT,
        fecha_pedimento TEXT,
        aduana TEXT,
        xml TEXT NOT NULL,
        printed TEXT,
        pdf BLOB,
        has_pdf INTEGER NOT NULL DEFAULT 0,
        fecha_cancelacion TEXT,
        created_at TEXT NOT NULL
      ) STRICT;
      -- Safety net under assignFolio: one serie-folio per empresa, whatever happens upstream.
      CREATE UNIQUE INDEX cfdis_serie_folio ON cfdis (empresa_id, coalesce(serie, ''), folio) WHERE folio IS NOT NULL;
      CREATE INDEX cfdis_empresa_id ON cfdis (empresa_id, id);
      CREATE INDEX cfdis_empresa_fecha ON cfdis (empresa_id, fecha);
      CREATE INDEX cfdis_empresa_serie_folio ON cfdis (empresa_id, serie, folio_num);

      CREATE TABLE peticiones (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        empresa_id INTEGER NOT NULL REFERENCES empresas(id),
        tipo_id INTEGER NOT NULL REFERENCES tipos(id),
        sucursal_id INTEGER NOT NULL REFERENCES sucursales(id),
        archivo_fuente TEXT NOT NULL,
        stage TEXT NOT NULL DEFAULT 'queued' CHECK (stage IN ('queued', 'sealed', 'stamped', 'done', 'error')),
        errors TEXT,
        serie TEXT,
        folio TEXT,
        sealed_xml TEXT,
        printed TEXT,
        cfdi_id INTEGER REFERENCES cfdis(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX peticiones_expires ON peticiones (expires_at);

      -- One job per peticion. max_attempts NULL means "the queue's configured maximum".
      CREATE TABLE jobs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        peticion_id INTEGER NOT NULL UNIQUE REFERENCES peticiones(id) ON DELETE CASCADE,
        empresa_id INTEGER NOT NULL,
        state TEXT NOT NULL DEFAULT 'ready' CHECK (state IN ('ready', 'running', 'done', 'dead')),
        attempts INTEGER NOT NULL DEFAULT 0,
        max_attempts INTEGER,
        run_at INTEGER NOT NULL,
        lease_until INTEGER,
        worker_id TEXT,
        last_error TEXT
      ) STRICT;
      -- Claim path: per empresa, the oldest ready job; expired leases; idle probe.
      CREATE INDEX jobs_ready ON jobs (empresa_id, run_at, id) WHERE state = 'ready';
      CREATE INDEX jobs_running ON jobs (empresa_id, lease_until) WHERE state = 'running';
      CREATE INDEX jobs_ready_due ON jobs (run_at) WHERE state = 'ready';
      CREATE INDEX jobs_running_due ON jobs (lease_until) WHERE state = 'running';

      -- Fairness: one lane per empresa; claiming serves the least recently served lane.
      CREATE TABLE queue_lanes (
        empresa_id INTEGER PRIMARY KEY AUTOINCREMENT,
        last_served INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX queue_lanes_served ON queue_lanes (last_served, empresa_id);
    `,
  },
  {
    version: 3,
    name: 'directories, catalogs and meta',
    sql: `
      CREATE TABLE receptores (
        empresa_id INTEGER NOT NULL REFERENCES empresas(id) ON DELETE CASCADE,
        clave TEXT NOT NULL,
        rfc TEXT NOT NULL,
        nombre TEXT,
        regimen_fiscal TEXT,
        domicilio_fiscal TEXT,
        uso_cfdi TEXT,
        email TEXT,
        PRIMARY KEY (empresa_id, clave)
      ) STRICT;
      CREATE INDEX receptores_rfc ON receptores (empresa_id, rfc);
      CREATE TABLE productos (
        empresa_id INTEGER NOT NULL REFERENCES empresas(id) ON DELETE CASCADE,
        codigo TEXT NOT NULL,
        clave_prod_serv TEXT,
        clave_unidad TEXT,
        unidad TEXT,
        objeto_imp TEXT,
        tax_profile TEXT,
        descripcion TEXT,
        PRIMARY KEY (empresa_id, codigo)
      ) STRICT;
      CREATE TABLE catalog_rows (
        catalog TEXT NOT NULL,
        key TEXT NOT NULL,
        vigencia_desde TEXT,
        vigencia_hasta TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (catalog, key)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE catalog_imports (
        catalog TEXT PRIMARY KEY,
        rows INTEGER NOT NULL,
        source TEXT NOT NULL,
        imported_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;
    `,
  },
  // ── issue 10 (i10b): notices of a document (warnings, rules not checked) for the GET body
  {
    version: 4,
    name: 'peticion advertencias',
    sql: `ALTER TABLE peticiones ADD COLUMN advertencias TEXT;`,
  },
  // ── Notifications (e-mail and webhooks; issue 15): settings, events and the delivery outbox ──
  {
    version: 5,
    name: 'notifications',
    sql: `
      CREATE TABLE smtp_empresas (
        empresa_id INTEGER PRIMARY KEY REFERENCES empresas(id) ON DELETE CASCADE,
        host TEXT NOT NULL,
        port INTEGER NOT NULL,
        tls TEXT NOT NULL CHECK (tls IN ('starttls', 'tls', 'none')),
        usuario TEXT,
        password_sealed BLOB,
        from_address TEXT NOT NULL,
        from_name TEXT,
        reply_to TEXT,
        subject_template TEXT,
        body_template TEXT,
        ca_pem TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE TABLE correo_copias (
        tipo_id INTEGER PRIMARY KEY REFERENCES tipos(id) ON DELETE CASCADE,
        direcciones TEXT NOT NULL
      ) STRICT;
      CREATE TABLE webhooks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        public_id TEXT NOT NULL UNIQUE,
        empresa_id INTEGER NOT NULL REFERENCES empresas(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        eventos TEXT NOT NULL,
        secret_sealed BLOB NOT NULL,
        created_at TEXT NOT NULL,
        removed_at TEXT
      ) STRICT;
      CREATE INDEX webhooks_empresa ON webhooks (empresa_id) WHERE removed_at IS NULL;
      -- One row per event; clave de-duplicates publications (a job redone after a crash).
      CREATE TABLE eventos (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        public_id TEXT NOT NULL UNIQUE,
        clave TEXT NOT NULL UNIQUE,
        empresa_id INTEGER NOT NULL,
        tipo TEXT NOT NULL,
        peticion_id INTEGER,
        cfdi_id INTEGER,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      -- The delivery outbox. No foreign key to peticiones or cfdis: deliveries outlive a purged peticion.
      CREATE TABLE entregas (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        public_id TEXT NOT NULL UNIQUE,
        canal TEXT NOT NULL CHECK (canal IN ('correo', 'webhook')),
        empresa_id INTEGER NOT NULL,
        cfdi_id INTEGER,
        evento_id INTEGER REFERENCES eventos(id),
        webhook_id INTEGER REFERENCES webhooks(id),
        destino TEXT NOT NULL,
        datos TEXT NOT NULL,
        estado TEXT NOT NULL DEFAULT 'pendiente' CHECK (estado IN ('pendiente', 'en_curso', 'entregada', 'fallida')),
        intentos INTEGER NOT NULL DEFAULT 0,
        run_at INTEGER NOT NULL,
        vence_at INTEGER NOT NULL,
        lease_until INTEGER,
        worker_id TEXT,
        ultimo_error TEXT,
        respuesta TEXT,
        resultado TEXT,
        created_at TEXT NOT NULL,
        entregada_at TEXT,
        reenvio_de INTEGER
      ) STRICT;
      CREATE INDEX entregas_due ON entregas (run_at, id) WHERE estado = 'pendiente';
      CREATE INDEX entregas_running ON entregas (empresa_id, canal, lease_until) WHERE estado = 'en_curso';
      CREATE INDEX entregas_cfdi ON entregas (cfdi_id, id) WHERE cfdi_id IS NOT NULL;
      CREATE INDEX entregas_evento ON entregas (evento_id) WHERE evento_id IS NOT NULL;
      CREATE INDEX entregas_empresa ON entregas (empresa_id, id);
      CREATE TABLE entrega_intentos (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        entrega_id INTEGER NOT NULL REFERENCES entregas(id) ON DELETE CASCADE,
        numero INTEGER NOT NULL,
        at TEXT NOT NULL,
        ok INTEGER NOT NULL,
        detalle TEXT NOT NULL,
        duracion_ms INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX entrega_intentos_entrega ON entrega_intentos (entrega_id, id);
    `,
  },  // ── Idempotent submission (issue 14): an Idempotency-Key names one peticion per empresa ──
  {
    version: 6,
    name: 'idempotency keys',
    sql: `
      -- The primary key makes a key name one peticion, whoever races for it; a claim older than
      -- the window is replaced in place. Purging the peticion drops its key.
      CREATE TABLE idempotencias (
        empresa_id INTEGER NOT NULL REFERENCES empresas(id),
        clave TEXT NOT NULL,
        huella TEXT NOT NULL,
        peticion_id INTEGER NOT NULL REFERENCES peticiones(id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        PRIMARY KEY (empresa_id, clave)
      ) STRICT;
      CREATE INDEX idempotencias_peticion ON idempotencias (peticion_id);
    `,
  },
  // ── issue 10 (a10): a Serie-Folio is held once per empresa, from assignment on (client or tipo folios) ──
  {
    version: 7,
    name: 'series_folios',
    sql: `
      -- One row per Serie-Folio handed out, written with the folio (before sealing), so a
      -- second peticion with the same Serie-Folio is refused before the PAC is called.
      -- serie is '' for a CFDI without Serie. Kept after the peticion is purged (CFDIs stay).
      CREATE TABLE series_folios (
        empresa_id INTEGER NOT NULL REFERENCES empresas(id) ON DELETE CASCADE,
        serie TEXT NOT NULL,
        folio TEXT NOT NULL,
        peticion_id INTEGER NOT NULL UNIQUE,
        PRIMARY KEY (empresa_id, serie, folio)
      ) STRICT;
      INSERT OR IGNORE INTO series_folios (empresa_id, serie, folio, peticion_id)
        SELECT empresa_id, coalesce(serie, ''), folio, peticion_id FROM cfdis WHERE folio IS NOT NULL;
      INSERT OR IGNORE INTO series_folios (empresa_id, serie, folio, peticion_id)
        SELECT empresa_id, coalesce(serie, ''), folio, id FROM peticiones WHERE folio IS NOT NULL AND cfdi_id IS NULL;
    `,
  },
  // ── Cancellation (issue 12): requests, their SAT answers and acuses; the CFDI's state ──
  {
    version: 8,
    name: 'cancelaciones',
    sql: `
      ALTER TABLE cfdis ADD COLUMN estado_cancelacion TEXT;
      -- One row per request sent (or being sent) for a CFDI. The signed request is stored
      -- before the PAC is called, so a retry sends the same bytes.
      CREATE TABLE cancelaciones (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        empresa_id INTEGER NOT NULL REFERENCES empresas(id),
        cfdi_id INTEGER NOT NULL REFERENCES cfdis(id),
        uuid TEXT NOT NULL,
        motivo TEXT NOT NULL,
        folio_sustitucion TEXT,
        estado TEXT NOT NULL CHECK (estado IN ('solicitando', 'en_proceso', 'cancelado', 'rechazado')),
        solicitud TEXT NOT NULL,
        requiere_aceptacion INTEGER NOT NULL,
        codigo TEXT,
        mensaje TEXT,
        estatus_sat TEXT,
        acuse TEXT,
        intentos INTEGER NOT NULL DEFAULT 0,
        ultimo_error TEXT,
        next_check_at INTEGER NOT NULL,
        fecha_cancelacion TEXT,
        -- 1 while the notifier and the cancelled PDF still have to follow the last change.
        efectos INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;
      -- At most one live request per CFDI: a repeated cancel finds it instead of asking again.
      CREATE UNIQUE INDEX cancelaciones_viva ON cancelaciones (cfdi_id) WHERE estado <> 'rechazado';
      CREATE INDEX cancelaciones_cfdi ON cancelaciones (cfdi_id, id);
      CREATE INDEX cancelaciones_pendientes ON cancelaciones (next_check_at) WHERE estado IN ('solicitando', 'en_proceso') OR efectos = 1;
    `,
  },
  // ── issue 11: the PAC of each empresa (no row: the offline test PAC); credentials sealed ──
  {
    version: 9,
    name: 'empresa pacs',
    sql: `
      CREATE TABLE empresa_pacs (
        empresa_id INTEGER PRIMARY KEY REFERENCES empresas(id) ON DELETE CASCADE,
        proveedor TEXT NOT NULL CHECK (proveedor IN ('prueba', 'sw', 'finkok')),
        ambiente TEXT NOT NULL CHECK (ambiente IN ('pruebas', 'produccion')),
        url TEXT,
        url_api TEXT,
        usuario TEXT,
        password_sealed BLOB,
        token_sealed BLOB,
        updated_at TEXT NOT NULL
      ) STRICT;
    `,
  },
  // ── Payment receipts (issue 13): payments applied to the service's own invoices (balances) ──
  {
    version: 10,
    name: 'pagos aplicados',
    sql: `
      CREATE TABLE pagos_aplicados (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        empresa_id INTEGER NOT NULL,
        -- The payment receipt; no foreign key: peticiones are purged, the balance stays.
        peticion_id INTEGER NOT NULL,
        factura_cfdi_id INTEGER NOT NULL REFERENCES cfdis(id),
        num_parcialidad INTEGER NOT NULL,
        imp_saldo_ant TEXT NOT NULL,
        imp_pagado TEXT NOT NULL,
        imp_saldo_insoluto TEXT NOT NULL,
        estado TEXT NOT NULL DEFAULT 'vigente' CHECK (estado IN ('vigente', 'liberado', 'cancelado')),
        created_at TEXT NOT NULL
      ) STRICT;
      -- Two payments can never take the same parcialidad of an invoice.
      CREATE UNIQUE INDEX pagos_aplicados_parcialidad ON pagos_aplicados (factura_cfdi_id, num_parcialidad) WHERE estado = 'vigente';
      CREATE INDEX pagos_aplicados_peticion ON pagos_aplicados (peticion_id);
    `,
  },
  // ── Issue 17: whether anyone was subscribed to a peticion's end when it was accepted (NULL:
  // not known); the receptor of an RFC many share (XAXX010101000) found by its lowest clave
  // in the index, not by reading every row of that RFC ──
  {
    version: 11,
    name: 'peticion suscripciones, receptores by rfc and clave',
    sql: `
      ALTER TABLE peticiones ADD COLUMN suscripciones INTEGER;
      DROP INDEX receptores_rfc;
      CREATE INDEX receptores_rfc ON receptores (empresa_id, rfc, clave);
    `,
  },
];
/**
 * Applies pending migrations in one IMMEDIATE transaction: the write lock is taken
 * before reading the version, so two processes starting at once apply each
 * migration exactly once (the second waits on busy_timeout, then finds nothing to do).
 */
export function migrateSqlite(db: Database.Database, now: () => Date): number[] {
  const apply = db.transaction(() => {
    db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const current = (db.prepare('SELECT coalesce(max(version), 0) AS v FROM schema_migrations').get() as { v: number }).v;
    const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
    if (current > latest) {
      throw new AppError('BD_ESQUEMA_POSTERIOR', `La base de datos tiene el esquema ${current}; esta versión conoce hasta el ${latest}`);
    }
    const applied: number[] = [];
    const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
    for (const m of MIGRATIONS) {
      if (m.version <= current) continue;
      db.exec(m.sql);
      record.run(m.version, m.name, now().toISOString());
      applied.push(m.version);
    }
    return applied;
  });
  return apply.immediate();
}
