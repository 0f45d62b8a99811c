// HTTP: a local Worker (wrangler dev, local D1 and R2) in its own process group, driven from
// this process with autocannon on 127.0.0.1. Units, tokens and one plan snapshot per unit go in
// through the API first; then GET /api/health (the floor) and each route, as a share of health's
// requests/s from the same run. Two diagnostics place the floor: a route with exactly one D1
// query, and consolidation with nothing to sum. The whole suite runs again on the same Worker
// with wrangler's DevTools inspector off. Everything is bounded and stops by itself.
import autocannon, { type Result } from "autocannon";
import { startLocalWorker } from "../local-worker.mjs";
import { districtWorkbook, submissionJson, TEMPLATE_ID, unitCode } from "./fixtures";
import { median, ms } from "./stats";
import { atLeast, failed, type Row } from "./table";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface HttpOptions {
  units: number;
  /** Seconds per measured run. */
  seconds: number;
  rounds: number;
  warmupSeconds: number;
  connections: number;
}

interface Request {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** One request, or several that each connection cycles through (e.g. one per unit and token). */
type Target = Request | Request[];

export interface Run {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  /** 201 answers (snapshots stored). */
  created: number;
  bad: string | null;
}

export async function api<T>(
  base: string,
  path: string,
  token: string,
  json?: unknown,
  expect = json === undefined ? 200 : 201,
): Promise<T> {
  const res = await fetch(`${base}${path}`, {
    method: json === undefined ? "GET" : "POST",
    headers: {
      Authorization: `Bearer ${token}`,
      ...(json === undefined ? {} : { "Content-Type": "application/json" }),
    },
    body: json === undefined ? undefined : JSON.stringify(json),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  if (res.status !== expect) throw new Error(`${path}: expected ${expect}, got ${res.status} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** Runs `fn` over `items` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await fn(items[next++]);
    }),
  );
}

async function cannon(base: string, t: Target, seconds: number, connections: number): Promise<Run> {
  const list = Array.isArray(t) ? t : [t];
  const instance = autocannon({ url: base, requests: list, connections, duration: seconds, timeout: 10 });
  const what = `${list[0].method} ${list[0].path}`;
  // autocannon stops itself after `seconds`; this is the backstop.
  let timer: NodeJS.Timeout | undefined;
  const backstop = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        instance.stop();
        reject(new Error(`autocannon ${what} did not finish`));
      },
      (seconds + 20) * 1000,
    );
  });
  try {
    const r: Result = await Promise.race([instance, backstop]);
    const codes = Object.entries(r.statusCodeStats ?? {})
      .filter(([code]) => !code.startsWith("2"))
      .map(([code, s]) => `${s.count}× ${code}`);
    const bad =
      r.errors || r.timeouts || r.non2xx
        ? `${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx ${codes.join(" ")}`
        : null;
    const created = r.statusCodeStats?.["201"]?.count ?? 0;
    return {
      rps: r.requests.total / r.duration,
      p50: r.latency.p50,
      p99: r.latency.p99,
      requests: r.requests.total,
      created,
      bad,
    };
  } finally {
    clearTimeout(timer);
  }
}

function summary(runs: Run[]): Run {
  return {
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    requests: runs.reduce((s, r) => s + r.requests, 0),
    created: runs.reduce((s, r) => s + r.created, 0),
    bad: runs.find((r) => r.bad)?.bad ?? null,
  };
}

const figure = (r: Run) => `${r.rps.toFixed(0)} req/s, p50 ${ms(r.p50)} ms, p99 ${ms(r.p99)} ms`;

type Name = "health" | "units" | "empty" | "consolidated" | "json" | "xlsx";

export interface Suite {
  runs: Record<Name, Run>;
  after: Run | null;
  /** Snapshots stored when `after` ran (the setup's one per unit plus every 201 since). */
  stored: number;
}

/** One local server, set up through the API, measured; always stopped. */
async function suite(
  opts: HttpOptions,
  inspector: boolean,
  withAfter: boolean,
  log: (line: string) => void,
): Promise<Suite> {
  const worker = await startLocalWorker({ logLevel: "warn", inspector });
  try {
    log(`bench: http on ${inspector ? "wrangler dev" : "startWorker, inspector off"} at ${worker.url}`);
    const s = await measure(worker.url, worker.adminToken, opts, withAfter);
    // A failed run says what the server logged (warnings and errors only).
    const said = worker
      .log()
      .filter((l) => !/^\s*$/.test(l))
      .slice(-2)
      .join(" / ")
      .slice(0, 200);
    for (const r of [...Object.values(s.runs), s.after]) if (r?.bad && said) r.bad += ` — server: ${said}`;
    return s;
  } finally {
    await worker.stop();
  }
}

async function measure(base: string, admin: string, opts: HttpOptions, withAfter: boolean): Promise<Suite> {
  // Setup through the API, as an administrator and the districts would.
  const units = Array.from({ length: opts.units }, (_, k) => k);
  await api(base, "/api/units", admin, { code: "BENCH", name: "Nhóm đo hiệu năng", kind: "nhóm", parent: "94" }, 200);
  await pool(units, 8, async (k) => {
    await api(
      base,
      "/api/units",
      admin,
      { code: unitCode(k), name: `Đơn vị đo ${k + 1}`, kind: "huyện", parent: "BENCH" },
      200,
    );
  });
  const tokens: string[] = [];
  await pool(units, 8, async (k) => {
    tokens[k] = (
      await api<{ token: string }>(base, "/api/admin/tokens", admin, { role: "submitter", unit: unitCode(k) })
    ).token;
  });
  const leader = (await api<{ token: string }>(base, "/api/admin/tokens", admin, { role: "leader" })).token;
  await pool(units, 8, async (k) => {
    await api(base, "/api/submissions", tokens[k], submissionJson(unitCode(k), k));
  });
  const consolidatedPath = `/api/consolidated?template=${TEMPLATE_ID}&kind=plan&basis=latest`;
  const check = await api<{ units: unknown[] }>(base, consolidatedPath, leader);
  if (check.units.length !== opts.units)
    throw new Error(`consolidated has ${check.units.length} units, expected ${opts.units}`);

  const targets: Record<Name, Target> = {
    health: { method: "GET", path: "/api/health" },
    // The admin token is checked against ADMIN_TOKEN without D1, so this is one D1 query exactly.
    units: { method: "GET", path: "/api/units", headers: { Authorization: `Bearer ${admin}` } },
    // The same route and D1 round trips as consolidated, with nothing to sum (no execution reports).
    empty: {
      method: "GET",
      path: `/api/consolidated?template=${TEMPLATE_ID}&kind=execution&basis=latest`,
      headers: { Authorization: `Bearer ${leader}` },
    },
    consolidated: { method: "GET", path: consolidatedPath, headers: { Authorization: `Bearer ${leader}` } },
    // Submissions rotate over every unit with its own token, as districts do: the Worker limits
    // submissions per token per minute (SUBMISSION_LIMITER), and one token would hit that limit.
    json: units.map((k) => ({
      method: "POST",
      // The same body each time: newVersion=true stores it as a new version (decision 0019).
      path: "/api/submissions?newVersion=true",
      body: JSON.stringify(submissionJson(unitCode(k), k)),
      headers: { Authorization: `Bearer ${tokens[k]}`, "Content-Type": "application/json" },
    })),
    xlsx: units.map((k) => ({
      method: "POST",
      path: `/api/submissions?template=${TEMPLATE_ID}&unit=${unitCode(k)}&kind=plan&newVersion=true`,
      body: Buffer.from(districtWorkbook(k)),
      headers: { Authorization: `Bearer ${tokens[k]}`, "Content-Type": XLSX, "X-File-Name": `${unitCode(k)}.xlsx` },
    })),
  };
  const runs: Record<Name, Run[]> = { health: [], units: [], empty: [], consolidated: [], json: [], xlsx: [] };
  let created = 0;
  const go = async (name: Name) => {
    const run = await cannon(base, targets[name], opts.seconds, opts.connections);
    created += run.created;
    runs[name].push(run);
  };
  const warm = async (names: Name[]) => {
    for (const n of names)
      if (opts.warmupSeconds > 0)
        created += (await cannon(base, targets[n], opts.warmupSeconds, opts.connections)).created;
  };

  // Reads first (the POST runs add versions, which consolidation then reads past), rounds
  // interleaved with health so drift hits both sides of each ratio alike.
  await warm(["health", "units", "empty", "consolidated"]);
  for (let r = 0; r < opts.rounds; r++) {
    await go("health");
    await go("units");
    await go("empty");
    await go("consolidated");
  }
  await warm(["json", "xlsx"]);
  for (let r = 0; r < opts.rounds; r++) {
    await go("health");
    await go("json");
    await go("xlsx");
  }
  // H7 reads after at least AFTER_STORED versions (issue 18): more new versions first, if the POST runs stored fewer.
  // (The smoke run's handful of units skips this.)
  const history = opts.units >= 100 ? AFTER_STORED : 0;
  for (let k = 0; withAfter && opts.units + created < history && k < 40; k++)
    created += (await cannon(base, targets.json, 3, opts.connections)).created;
  // Then, as for every other route: a pause for the writes' tail to drain (wrangler dev's inspector
  // still reports the last POSTs for a moment), a warm-up, and the median of `rounds` runs.
  let after: Run | null = null;
  if (withAfter) {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await warm(["consolidated"]);
    const afterRuns: Run[] = [];
    for (let r = 0; r < opts.rounds; r++)
      afterRuns.push(await cannon(base, targets.consolidated, opts.seconds, opts.connections));
    after = summary(afterRuns);
  }
  const stored = opts.units + created;
  const summed = Object.fromEntries(Object.entries(runs).map(([k, v]) => [k, summary(v)])) as Record<Name, Run>;
  return { runs: summed, after, stored };
}

/** The routes compared with health: [name, label, budget share or null for a diagnostic]. */
const ROUTES = (units: number): [Name, string, number | null][] => [
  ["units", "GET /api/units as admin (exactly one D1 query)", null],
  // One round trip since decision 0023 (sign-in, newest template version and data in one batch).
  ["empty", "GET /api/consolidated with nothing to sum (its 1 D1 round trip only)", null],
  ["consolidated", `GET /api/consolidated, ${units} units`, 0.5],
  ["json", "POST /api/submissions JSON (new version each)", 0.4],
  ["xlsx", "POST /api/submissions .xlsx (new version each)", 0.4],
];

const budgetOf = (floor: number | null, budgeted: boolean) =>
  floor === null
    ? "diagnostic"
    : budgeted
      ? `≥ ${floor * 100}% of health`
      : `diagnostic (budget ${floor * 100}% on wrangler dev)`;

/** Rows for one suite; `first` is the id number of its health row, `where` names the server. */
function suiteRows(s: Suite, units: number, first: number, where: string, budgeted: boolean): Row[] {
  const id = (k: number) => `H${first + k}`;
  const health = s.runs.health;
  const rows: Row[] = [
    health.bad
      ? failed(id(0), `GET /api/health (floor)${where}`, "floor", health.bad)
      : {
          id: id(0),
          measure: `GET /api/health (floor)${where}`,
          figure: figure(health),
          budget: "floor",
          ratio: "100% of health",
          verdict: "info",
        },
  ];
  ROUTES(units).forEach(([name, label, floor], k) => {
    const r = s.runs[name];
    const budget = budgetOf(floor, budgeted);
    if (r.bad) return rows.push(failed(id(k + 1), `${label}${where}`, budget, r.bad));
    const v = atLeast(r.rps / health.rps, floor ?? 0);
    rows.push({
      id: id(k + 1),
      measure: `${label}${where}`,
      figure: figure(r),
      budget,
      ratio: v.ratio,
      verdict: budgeted && floor !== null ? v.verdict : "info",
    });
  });
  return rows;
}

const AFTER = "GET /api/consolidated after the POST runs";
/** Versions stored before H7 reads again: its budget is H7 ÷ H4 ≥ 0.9 at this much history (issue 18). */
const AFTER_STORED = 10_000;
const OFF = ", inspector off";

export async function httpRows(opts: HttpOptions, log: (line: string) => void): Promise<Row[]> {
  // As `npm start` serves it (the budgets' "same local server")…
  const dev = await suite(opts, true, true, log);
  const rows = suiteRows(dev, opts.units, 1, "", true);
  const after = dev.after!;
  rows.push(
    after.bad
      ? failed("H7", AFTER, "≥ 0.9× H4 (history does not cost)", after.bad)
      : {
          id: "H7",
          measure: `${AFTER} (${dev.stored.toLocaleString("en-US")} snapshots stored)`,
          figure: `${figure(after)}; ${((after.rps / dev.runs.health.rps) * 100).toFixed(0)}% of health`,
          budget: "≥ 0.9× H4 (history does not cost)",
          ratio: `${(after.rps / dev.runs.consolidated.rps).toFixed(2)}× H4`,
          // The smoke run stores far fewer versions: no verdict then.
          verdict: dev.stored < AFTER_STORED ? "info" : after.rps / dev.runs.consolidated.rps >= 0.9 ? "ok" : "MISSED",
        },
  );
  // …and the same Worker without wrangler dev's DevTools inspector, to separate the tool from the code.
  try {
    rows.push(...suiteRows(await suite(opts, false, false, log), opts.units, 8, OFF, false));
  } catch (err) {
    rows.push(...httpFailedRows(err, opts.units).filter((r) => Number(r.id.slice(1)) >= 8));
  }
  return rows;
}

export function httpFailedRows(err: unknown, units: number): Row[] {
  const routes = ROUTES(units);
  return [
    failed("H1", "GET /api/health (floor)", "floor", err),
    ...routes.map(([, label, floor], k) => failed(`H${k + 2}`, label, budgetOf(floor, true), err)),
    failed("H7", AFTER, "≥ 0.9× H4 (history does not cost)", err),
    failed("H8", `GET /api/health (floor)${OFF}`, "floor", err),
    ...routes.map(([, label, floor], k) => failed(`H${k + 9}`, `${label}${OFF}`, budgetOf(floor, false), err)),
  ];
}
