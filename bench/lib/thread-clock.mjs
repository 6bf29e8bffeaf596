/**
 * Preloaded (`node --import`) into the server by `npm run bench -- e2e --profile`, never by
 * the service itself: in every JavaScript thread it records, every 200 ms, the thread's CPU
 * time and run-queue wait from /proc/thread-self/schedstat (nanoseconds, Linux) with a
 * CLOCK_MONOTONIC timestamp in µs, the clock of V8's CPU profiles. Worker threads inherit
 * the preload through execArgv. One JSON line per sample in
 * $CFDI_BENCH_CLOCK_DIR/clock.<pid>.<threadId>.jsonl.
 */
import { appendFileSync, closeSync, openSync, readSync } from 'node:fs';
import { isMainThread, threadId } from 'node:worker_threads';

const dir = process.env.CFDI_BENCH_CLOCK_DIR;
if (dir) {
  let fd;
  try {
    fd = openSync('/proc/thread-self/schedstat', 'r');
  } catch {
    fd = undefined; // not Linux: the bench reports the split without per-thread CPU
  }
  if (fd !== undefined) {
    const file = `${dir}/clock.${process.pid}.${threadId}.jsonl`;
    const buf = Buffer.alloc(128);
    const sample = () => {
      const n = readSync(fd, buf, 0, buf.length, 0);
      const [cpu, rq] = buf.toString('latin1', 0, n).trim().split(/\s+/).map(Number);
      return { t: Number(process.hrtime.bigint() / 1000n), cpu, rq };
    };
    let lines = `${JSON.stringify({ pid: process.pid, threadId, isMainThread })}\n`;
    const flush = () => { appendFileSync(file, lines); lines = ''; };
    const tick = () => { lines += `${JSON.stringify(sample())}\n`; flush(); };
    tick();
    setInterval(tick, 200).unref();
    process.on('exit', () => { tick(); closeSync(fd); });
  }
}
