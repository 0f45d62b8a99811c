// npm run bench: every budget of DESIGN.md "Budgets" measured side by side in one run, printed
// as one table (see BENCH.md for how each figure is measured). Started by run.mjs, which
// bundles this file and, when the add-in is present, its instrumented Excel (AddinModules).
import { cpus, loadavg, totalmem } from "node:os";
import { addinFailed, type AddinModules, addinRows, addinUnavailable } from "./addin-syncs";
import { bundleRows } from "./bundles";
import { cpuRows } from "./cpu";
import { domainRows } from "./domain";
import { nestedRows } from "./nested";
import { readSpeedFailedRows, readSpeedRows } from "./read-speed";
import { fileRows } from "./files";
import { hostileFailedRows, hostileRows } from "./hostile";
import { httpFailedRows, httpRows } from "./http";
import { failed, renderTable, type Row } from "./table";

export interface BenchOptions {
  root: string;
  smoke: boolean;
  command: string;
  /** The add-in's adapter and instrumented fake Excel, or why they are not available. */
  addin: { modules: AddinModules } | { unavailable: string } | { error: unknown };
  /** Sections to run (domain, nested, files, read, cpu, addin, bundles, http, hostile); all when absent. */
  only?: string[];
  log: (line: string) => void;
}

const FULL = {
  repeat: { warmup: 50, runs: 200, warmupMs: 300 },
  sizes: [100, 1_000, 10_000],
  bigRuns: 5,
  units: 100,
  coldRuns: 5,
  http: { units: 100, seconds: 3, rounds: 3, warmupSeconds: 1, connections: 8 },
  hostile: { smoke: false, seconds: 5, connections: 8 },
};
const SMOKE = {
  repeat: { warmup: 3, runs: 10, warmupMs: 30 },
  sizes: [10, 100, 1_000],
  bigRuns: 2,
  units: 10,
  coldRuns: 1,
  http: { units: 10, seconds: 0.5, rounds: 1, warmupSeconds: 0, connections: 4 },
  hostile: { smoke: true, seconds: 1, connections: 4 },
};

export function machineLine(): string {
  const cpu = cpus();
  const memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
  const model = cpu[0]?.model.trim() ?? "unknown CPU";
  return `${model}, ${cpu.length} cores, ${memory}, Node ${process.version}, ${process.platform} ${process.arch}`;
}

/** The machine's other work: the 1-minute load average (a shared machine makes every figure slower). */
function load(): string {
  return loadavg()[0].toFixed(2);
}

async function section(
  name: string,
  o: BenchOptions,
  run: () => Promise<Row[]> | Row[],
  onError: (err: unknown) => Row[],
): Promise<Row[]> {
  if (o.only && !o.only.includes(name.split(" ")[0])) return [];
  const log = o.log;
  const start = performance.now();
  log(`bench: ${name}…`);
  try {
    return await run();
  } catch (err) {
    log(`bench: ${name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return onError(err);
  } finally {
    log(`bench: ${name} done in ${((performance.now() - start) / 1000).toFixed(1)} s`);
  }
}

export async function runBench(o: BenchOptions): Promise<{ table: string; rows: Row[] }> {
  const p = o.smoke ? SMOKE : FULL;
  const loadBefore = load();
  const started = performance.now();
  const fail = (ids: [string, string, string][]) => (err: unknown) => ids.map(([id, m, b]) => failed(id, m, b, err));
  const domain = await section(
    "domain",
    o,
    () => domainRows({ repeat: p.repeat, sizes: p.sizes, bigRuns: p.bigRuns }),
    fail([
      ["D1", "Validate full plan-157 workbook", "≤ 10 ms"],
      ["D2", "Validate JSON submission", "≤ 10 ms"],
      ["D3", "Consolidate (small)", "≪ 10 ms"],
      ["D4", "Consolidate (medium)", "linear"],
      ["D5", "Consolidate (large)", "< 1 s"],
    ]),
  );
  // Nested rows (issue 16): the built-in template with group rows, 100 and 1,000 units (10 and 100 in smoke).
  const nested = await section(
    "nested rows",
    o,
    () => nestedRows({ repeat: p.repeat, sizes: p.sizes.slice(0, 2) }),
    fail([
      ["N1", "Consolidate nested rows (small)", "≪ 10 ms"],
      ["N2", "Consolidate nested rows (medium)", "linear"],
    ]),
  );
  const files = await section(
    "files",
    o,
    () => fileRows({ repeat: p.repeat, units: p.units }),
    fail([
      ["F1", "Read district .xlsx (ours)", "≤ 5 ms"],
      ["F2", "Read with ExcelJS 4.4.0", "comparison"],
      ["F3", "Write consolidated workbook", "≤ 10 ms"],
    ]),
  );
  // Reading at the speed of the bytes (issue 18): MB/s of sheet XML, ours beside ExcelJS and SheetJS.
  const read = await section(
    "read speed",
    o,
    () => readSpeedRows({ repeat: p.repeat, smoke: o.smoke }),
    readSpeedFailedRows,
  );
  const cpu = await section(
    "cpu per request",
    o,
    () => cpuRows({ repeat: p.repeat, units: p.units, coldRuns: p.coldRuns }),
    fail([
      ["C1", "POST JSON handler CPU", "≤ 10 ms"],
      ["C2", "POST .xlsx handler CPU", "≤ 10 ms"],
      ["C3", "GET consolidated handler CPU", "≤ 10 ms"],
      ["C4", "GET consolidated xlsx handler CPU", "≤ 10 ms"],
      ["C5", "GET health handler CPU", "≤ 10 ms"],
    ]),
  );
  const addin = await section(
    "addin syncs",
    o,
    () => {
      if ("modules" in o.addin) return addinRows(o.addin.modules);
      if ("unavailable" in o.addin) return addinUnavailable(o.addin.unavailable);
      throw o.addin.error;
    },
    addinFailed,
  );
  const bundles = await section(
    "bundles",
    o,
    () => bundleRows(o.root),
    fail([
      ["B1", "Worker bundle gzip", "≤ 250 KiB"],
      ["B2", "Task pane JS gzip", "≤ 120 KiB"],
      ["B3", "worker/xlsx vs ExcelJS gzip", "share of 250 KiB"],
    ]),
  );
  const http = await section(
    "http",
    o,
    () => httpRows(p.http, o.log),
    (err) => httpFailedRows(err, p.http.units),
  );
  const hostile = await section("hostile inputs", o, () => hostileRows(p.hostile, o.log), hostileFailedRows);

  const rows = [...domain, ...nested, ...files, ...read, ...http, ...cpu, ...hostile, ...addin, ...bundles];
  const missed = rows.filter((r) => r.verdict === "MISSED").map((r) => r.id);
  const errors = rows.filter((r) => r.verdict === "error").map((r) => r.id);
  const table = [
    `kh157 bench${o.smoke ? " (smoke: small sizes, 0.5 s HTTP runs; figures not comparable)" : ""}, ${new Date().toISOString()}`,
    `Machine: ${machineLine()}; load average ${loadBefore} at start, ${load()} at end; ${((performance.now() - started) / 1000).toFixed(0)} s`,
    `Command: ${o.command}`,
    "",
    renderTable(rows),
    "",
    `Budgets missed: ${missed.length ? missed.join(", ") : "none"}. Errors: ${errors.length ? errors.join(", ") : "none"}.`,
  ].join("\n");
  return { table, rows };
}
