/**
 * Database work per document, from the totals that db-count.mjs writes in each server
 * thread: a snapshot before and after the measured load, and their difference.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** `${kind} ${sql}` → [calls, wall µs], summed over every thread of every process. */
export type DbSnapshot = Map<string, [number, number]>;

export function dbSnapshot(dir: string): DbSnapshot {
  const out: DbSnapshot = new Map();
  for (const f of readdirSync(dir).filter((n) => /^db\.\d+\.\d+\.json$/.test(n))) {
    let data: Record<string, [number, number]>;
    try {
      data = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch {
      continue; // caught mid-write: its next snapshot has it
    }
    for (const [k, [n, us]] of Object.entries(data)) {
      const t = out.get(k) ?? [0, 0];
      out.set(k, [t[0] + n, t[1] + us]);
    }
  }
  return out;
}

export interface DbSplit {
  /** Statements executed (SQLite) or queries sent (PostgreSQL: each one a round trip), per document. */
  callsPerDocument: number;
  /** Of which write transactions (SQLite: better-sqlite3 transaction calls; PostgreSQL: BEGIN). */
  transactionsPerDocument: number;
  /** Wall time inside the driver per document (ms), summed over threads. */
  msPerDocument: number;
  /** Wall time of whole write transactions per document (ms; their statements and the commit, fsync included). */
  transactionMsPerDocument: number;
  top: Array<{ sql: string; perDocument: number; usEach: number }>;
}

export function dbSplit(before: DbSnapshot, after: DbSnapshot, documents: number, topN = 60): DbSplit {
  let calls = 0;
  let tx = 0;
  let us = 0;
  let txUs = 0;
  const rows: DbSplit['top'] = [];
  for (const [k, [n1, us1]] of after) {
    const [n0, us0] = before.get(k) ?? [0, 0];
    const n = n1 - n0;
    const t = us1 - us0;
    if (n <= 0) continue;
    if (k.startsWith('sqlite-transaction')) {
      tx += n;
      txUs += t;
    } else {
      calls += n;
      // A transaction's statements are timed inside it too: only count statements' time once.
      us += t;
      if (/^pg BEGIN/i.test(k)) tx += n;
    }
    rows.push({ sql: k, perDocument: n / documents, usEach: t / n });
  }
  rows.sort((a, b) => b.perDocument - a.perDocument);
  return { callsPerDocument: calls / documents, transactionsPerDocument: tx / documents, msPerDocument: us / 1000 / documents, transactionMsPerDocument: txUs / 1000 / documents, top: rows.slice(0, topN) };
}

export function formatDbSplit(s: DbSplit, backend: 'SQLite' | 'PostgreSQL'): string[] {
  const what = backend === 'PostgreSQL' ? 'queries (round trips)' : 'statements';
  const lines = [
    `database work per CFDI (${backend}, every server thread): ${s.callsPerDocument.toFixed(1)} ${what}, ${s.transactionsPerDocument.toFixed(1)} transactions, ${s.msPerDocument.toFixed(2)} ms in statements${backend === 'SQLite' ? `, ${s.transactionMsPerDocument.toFixed(2)} ms in transactions (commits and fsync included)` : ''} (wall time)`,
  ];
  for (const r of s.top) lines.push(`  ${r.perDocument.toFixed(2).padStart(6)} × ${r.usEach.toFixed(0).padStart(6)} µs  ${r.sql}`);
  return lines;
}
