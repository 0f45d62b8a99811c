// CPU per request, for the Workers free plan's 10 ms. Inside workerd the clock does not move
// while JavaScript runs (a Spectre mitigation), so a Worker cannot time itself, and wrangler
// dev's per-request times are wall times that include D1. So the same code runs here, in
// Node's V8 (handler-cases.ts):
//  - handler: the real Hono app through app.fetch with D1, R2 and the rate limiter answered from
//    memory (stub-env.ts): routing, auth hashing, zod, the domain, xlsx, canonical JSON,
//    SHA-256, parsing D1's rows and writing the response. Waiting on D1/R2 is left out;
//    Workers do not bill waiting as CPU.
//  - core: the domain + xlsx + canonical + SHA-256 work alone (what grows with the input).
//  - cold: the first such request in a fresh process (nothing compiled yet), as a new isolate.
// Sequential calls, warm-up first, median.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { canonicalJson, toFigureTree, validateJsonAppendices, validateWorkbook } from "../../domain";
import { sha256Hex } from "../../worker/auth/tokens";
import { SubmissionBody } from "../../worker/schemas";
import { consolidate } from "../../worker/services/consolidate";
import { UPLOAD_LIMITS } from "../../worker/services/submission-request";
import { readXlsx } from "../../worker/xlsx";
import { canonicalSnapshot, districtWorkbook, submissionJson, template, unitCode } from "./fixtures";
import { CASES, type CaseId, handlerCases, type Payloads } from "./handler-cases";
import { ms, type Repeat, timeAsync } from "./stats";
import { atMost, type Row } from "./table";

const COLD_ENV = "KH157_BENCH_COLD";

function payloads(units: number): Payloads {
  const codes = Array.from({ length: units }, (_, k) => unitCode(k));
  return {
    template: template.id,
    unit: codes[0],
    units: codes,
    jsonText: JSON.stringify(submissionJson(codes[0], 0)),
    xlsx: districtWorkbook(0),
    snapshots: codes.map((c, k) => canonicalSnapshot(c, k)),
  };
}

function writePayloads(dir: string, p: Payloads): void {
  writeFileSync(join(dir, "payloads.json"), JSON.stringify({ ...p, xlsx: Buffer.from(p.xlsx).toString("base64") }));
}

function readPayloads(dir: string): Payloads {
  const raw = JSON.parse(readFileSync(join(dir, "payloads.json"), "utf8")) as Payloads & { xlsx: string };
  return { ...raw, xlsx: new Uint8Array(Buffer.from(raw.xlsx, "base64")) };
}

// The cold probe: this bundle run as a script, one request, its time on stdout.
if (process.env[COLD_ENV]) {
  const [dir, which] = process.env[COLD_ENV]!.split("|");
  const { run } = handlerCases(readPayloads(dir));
  // Node loads its fetch classes and WebCrypto lazily on first use; workerd has them built in.
  // Warm the platform (not our code) so "cold" is the first run of the Worker's own code.
  const probe = new Request("http://platform.local/", {
    method: "POST",
    body: new Uint8Array(8),
    headers: { "Content-Type": "application/json" },
  });
  await probe.arrayBuffer();
  await new Response(JSON.stringify({ ok: true }), { headers: { "Content-Type": "application/json" } }).text();
  await crypto.subtle.digest("SHA-256", new TextEncoder().encode("platform"));
  new TextDecoder().decode(new Uint8Array(4));
  const start = performance.now();
  await run[which as CaseId]();
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - start })}\n`);
  process.exit(0);
}

/** The first request of one kind in a fresh Node process (this bundle, loaded but not yet run). */
function coldRequest(dir: string, which: CaseId): Promise<number> {
  const script = fileURLToPath(import.meta.url);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, [COLD_ENV]: `${dir}|${which}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    const timer = setTimeout(() => child.kill("SIGKILL"), 30_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = out.trim().split("\n").pop() ?? "";
      if (code === 0 && line.startsWith("{")) resolve((JSON.parse(line) as { ms: number }).ms);
      else reject(new Error(`cold ${which}: exit ${code} ${err.slice(-300)}`));
    });
  });
}

export async function cpuRows(opts: { repeat: Repeat; units: number; coldRuns: number }): Promise<Row[]> {
  const p = payloads(opts.units);
  const { db, limiter, run } = handlerCases(p);
  const unit = p.unit;

  // The growing part alone, on the same inputs.
  const canonical = (figures: Parameters<typeof toFigureTree>[1]) =>
    canonicalJson({
      template: template.id,
      templateVersion: template.version,
      unit,
      kind: "plan",
      appendices: toFigureTree(template, figures),
    });
  const core: Partial<Record<CaseId, () => Promise<unknown>>> = {
    postJson: async () =>
      sha256Hex(
        canonical(validateJsonAppendices(template, SubmissionBody.parse(JSON.parse(p.jsonText)).appendices).figures),
      ),
    postXlsx: async () => {
      await sha256Hex(canonical(validateWorkbook(template, readXlsx(p.xlsx, UPLOAD_LIMITS)).figures));
      await sha256Hex(p.xlsx);
    },
    consolidatedJson: async () =>
      JSON.stringify(
        await consolidate(db as unknown as D1Database, template, "plan", "latest", new Date().toISOString()),
      ),
  };
  const labels: Record<CaseId, string> = {
    postJson: "POST /api/submissions JSON",
    postXlsx: "POST /api/submissions .xlsx",
    consolidatedJson: `GET /api/consolidated, ${opts.units} units`,
    consolidatedXlsx: `GET /api/consolidated?format=xlsx, ${opts.units} units`,
    health: "GET /api/health (routing floor)",
  };

  const dir = mkdtempSync(join(tmpdir(), "kh157-cold-"));
  try {
    writePayloads(dir, p);
    const rows: Row[] = [];
    for (const [k, id] of CASES.entries()) {
      const [before, limited] = [db.roundTrips, limiter.calls];
      await run[id]();
      const trips = db.roundTrips - before;
      const limits = limiter.calls - limited;
      const handler = await timeAsync(run[id], opts.repeat);
      const coreTime = core[id] ? await timeAsync(core[id]!, opts.repeat) : null;
      const colds: number[] = [];
      for (let r = 0; r < opts.coldRuns; r++) colds.push(await coldRequest(dir, id));
      const cold = colds.sort((a, b) => a - b)[colds.length >> 1];
      const parts = [
        coreTime ? `core ${ms(coreTime.median)} ms` : null,
        `cold ${ms(cold)} ms`,
        `${trips} D1 round trip${trips === 1 ? "" : "s"}${limits ? ` + ${limits} rate-limit call` : ""}`,
      ].filter(Boolean);
      rows.push({
        id: `C${k + 1}`,
        measure: `${labels[id]}: handler CPU, warm median`,
        figure: `${ms(handler.median)} ms (${parts.join("; ")})`,
        budget: "≤ 10 ms CPU",
        ...atMost(handler.median, 10),
      });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
