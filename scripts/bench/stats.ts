// Timing helpers: warm up first, then the median of repeated runs. Synchronous work on one
// thread, so wall time here is the CPU time of that work (no I/O is awaited inside).

export interface Timing {
  /** Median of the measured runs, milliseconds. */
  median: number;
  p90: number;
  runs: number;
  /** The very first call in this process (unoptimised code, cold caches), milliseconds. */
  first: number;
}

export interface Repeat {
  /** Calls before measuring (the first one is reported as `first`). */
  warmup: number;
  runs: number;
  /** Keep warming up until this much time has passed too (JIT tiers up by time and calls). */
  warmupMs?: number;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

export function timeSync(fn: () => unknown, { warmup, runs, warmupMs = 0 }: Repeat): Timing {
  let t = performance.now();
  const start = t;
  fn();
  const first = performance.now() - t;
  for (let k = 1; k < warmup || performance.now() - start < warmupMs; k++) fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  return { median: median(times), p90: quantile(times, 0.9), runs, first };
}

/** For work that awaits only promises that settle without I/O (WebCrypto digests, ExcelJS in memory). */
export async function timeAsync(fn: () => Promise<unknown>, { warmup, runs, warmupMs = 0 }: Repeat): Promise<Timing> {
  let t = performance.now();
  const start = t;
  await fn();
  const first = performance.now() - t;
  for (let k = 1; k < warmup || performance.now() - start < warmupMs; k++) await fn();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { median: median(times), p90: quantile(times, 0.9), runs, first };
}

export const ms = (x: number) =>
  x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x >= 1 ? x.toFixed(2) : x.toFixed(3);
export const us = (x: number) => (x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
export const kib = (bytes: number) => (bytes / 1024).toFixed(1);
export const count = (n: number) => n.toLocaleString("en-US");
