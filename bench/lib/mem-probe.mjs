/**
 * Preloaded (`node --import`, e.g. through NODE_OPTIONS) into a server by a memory
 * investigation, never by the service: every 250 ms each JavaScript thread records its V8
 * heap (per space, physical bytes) and keeps the sample taken at its largest heap; the main
 * thread also keeps the process's RSS split (anonymous, file-backed) at its peak and the
 * largest mappings then. Worker threads inherit the preload through execArgv. Written to
 * $CFDI_BENCH_MEM_DIR/mem.<pid>.<threadId>.json at exit and every 2 s; read by mem-split.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { isMainThread, threadId } from 'node:worker_threads';

const dir = process.env.CFDI_BENCH_MEM_DIR;
if (dir) {
  const mb = (n) => Math.round((n / 1048576) * 10) / 10;
  const heap = () => {
    const h = getHeapStatistics();
    const spaces = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, mb(s.physical_space_size)]));
    return { physical: mb(h.total_physical_size), used: mb(h.used_heap_size), limit: mb(h.heap_size_limit),
      malloced: mb(h.malloced_memory), external: mb(h.external_memory), spaces };
  };
  const kb = (text, field) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(text)?.[1] ?? NaN) / 1024;
  /** The largest mappings (by RSS) and the anonymous ones summed, from /proc/self/smaps. */
  const mappings = () => {
    const byName = new Map();
    let name = '';
    for (const line of readFileSync('/proc/self/smaps', 'utf8').split('\n')) {
      const head = /^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
      if (head) { name = head[1] || '[anon]'; continue; }
      const m = /^Rss:\s+(\d+) kB/.exec(line);
      if (m) byName.set(name, (byName.get(name) ?? 0) + Number(m[1]) / 1024);
    }
    return Object.fromEntries([...byName].sort((a, b) => b[1] - a[1]).slice(0, 12).map(([k, v]) => [k.replace(/^.*node_modules\//, ''), Math.round(v)]));
  };
  const state = { pid: process.pid, threadId, isMainThread, peakHeap: heap(), atStart: heap() };
  const file = `${dir}/mem.${process.pid}.${threadId}.json`;
  let lastMappingsAt = 0;
  const tick = () => {
    const h = heap();
    if (h.physical > state.peakHeap.physical) state.peakHeap = h;
    if (isMainThread) {
      const st = readFileSync('/proc/self/status', 'utf8');
      const rss = kb(st, 'VmRSS');
      if (!(state.peakRss?.rss >= rss)) {
        state.peakRss = { rss: Math.round(rss), anon: Math.round(kb(st, 'RssAnon')), file: Math.round(kb(st, 'RssFile')), threads: Number(/Threads:\s+(\d+)/.exec(st)?.[1]) };
        if (rss - lastMappingsAt > 8) {
          lastMappingsAt = rss;
          state.mappingsNearPeak = { rss: Math.round(rss), top: mappings() };
        }
      }
    }
  };
  const flush = () => writeFileSync(file, JSON.stringify(state));
  setInterval(tick, 250).unref();
  setInterval(flush, 2000).unref();
  process.on('exit', () => { tick(); flush(); });
}
