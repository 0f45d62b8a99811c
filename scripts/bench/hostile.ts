// Hostile inputs (DESIGN.md "Budgets": work is bounded by the input limits whatever the input
// claims). Each kind of bomb, sized to the largest the upload limits allow, is posted to the real
// Hono app in-process exactly as the C rows measure a request (handler-cases.ts, stub D1/R2),
// beside the largest legitimate workbook the same limits allow: no bomb may cost more than twice
// that workbook. Then the bombs are posted over and over to `wrangler dev` while autocannon
// measures GET /api/health: the server must stay responsive (p99 under 100 ms).
import type { Result } from "autocannon";
import autocannon from "autocannon";
import { startLocalWorker } from "../local-worker.mjs";
import { MAX_JSON_BYTES } from "../../worker/limits";
import { UPLOAD_LIMITS } from "../../worker/services/submission-request";
import { withDefaults } from "../../worker/xlsx/limits";
import {
  type Bomb,
  entityBomb,
  largestLegitWorkbook,
  lyingZipBomb,
  manyCellsBomb,
  mergeBomb,
  repeatedPartBomb,
  sharedFormulaBomb,
  sharedStringBomb,
  storedSheetsBomb,
  unknownRowsBomb,
  xmlBytesRead,
  zipBomb,
} from "../../tests/xlsx/support/bombs";
import { api } from "./http";
import { canonicalSnapshot, TEMPLATE_ID, template, unitCode } from "./fixtures";
import { type Answer, handlerCases } from "./handler-cases";
import { count, kib, median, ms } from "./stats";
import { failed, type Row } from "./table";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const JSON_TYPE = "application/json";

export interface HostileOptions {
  smoke: boolean;
  /** Seconds of GET /api/health measured alone and then while the bombs run. */
  seconds: number;
  connections: number;
}

interface Payload {
  id: string;
  name: string;
  body: Uint8Array<ArrayBuffer>;
  type: string;
  /** Query string for the POST (the workbook's template, unit and kind). */
  query: string;
}

/**
 * POST /api/submissions with as many members the schema does not know (items of PL01) as the
 * JSON body limit allows (MAX_JSON_BYTES).
 */
export function unknownKeysJson(unit: string, maxBytes: number): { text: string; keys: number } {
  const head = `{"template":"${TEMPLATE_ID}","unit":"${unit}","kind":"plan","appendices":{"PL01":{`;
  const tail = "}}}";
  const members: string[] = [];
  let size = head.length + tail.length;
  for (let k = 0; ; k++) {
    const member = `"${k.toString(36)}":{}`;
    if (size + member.length + 1 > maxBytes) break;
    members.push(member);
    size += member.length + 1;
  }
  return { text: head + members.join(",") + tail, keys: members.length };
}

function payloads(unit: string): { legit: Payload; bombs: Payload[] } {
  const l = withDefaults(UPLOAD_LIMITS);
  const query = `?template=${TEMPLATE_ID}&unit=${unit}&kind=plan`;
  const xlsx = (id: string, b: Bomb): Payload => ({
    id,
    name: b.name,
    body: new Uint8Array(b.bytes),
    type: XLSX,
    query,
  });
  const legit = new Uint8Array(largestLegitWorkbook(l));
  const bomb = unknownKeysJson(unit, MAX_JSON_BYTES);
  const json = new TextEncoder().encode(bomb.text);
  return {
    legit: {
      id: "X1",
      body: legit,
      type: XLSX,
      query,
      name: `largest legitimate workbook (${count(l.maxCells)} cells incl. merges, ${kib(xmlBytesRead(legit))} KiB of XML, ${kib(legit.length)} KiB zipped)`,
    },
    bombs: [
      xlsx("X2", storedSheetsBomb(l)),
      xlsx("X3", repeatedPartBomb(l)),
      xlsx("X4", mergeBomb(l)),
      xlsx("X5", sharedStringBomb(l)),
      xlsx("X6", sharedFormulaBomb(l)),
      xlsx("X7", unknownRowsBomb(l)),
      {
        id: "X8",
        name: `JSON body with ${count(bomb.keys)} unknown keys (the ${MAX_JSON_BYTES / 1024} KiB JSON limit)`,
        body: json,
        type: JSON_TYPE,
        query: "",
      },
      xlsx("X9", zipBomb()),
      xlsx("X10", lyingZipBomb(l.maxXmlBytes - 4096)),
      xlsx("X11", entityBomb()),
      xlsx("X12", manyCellsBomb(1_000_000)),
    ],
  };
}

/** Warm median of one request's handler time; fewer runs for requests that take long. */
async function handlerTime(send: () => Promise<Answer>, smoke: boolean): Promise<{ median: number; answer: Answer }> {
  let t = performance.now();
  const answer = await send();
  const first = performance.now() - t;
  const runs = smoke ? 3 : first > 500 ? 5 : first > 50 ? 15 : 40;
  const warmup = smoke ? 1 : first > 500 ? 1 : 5;
  for (let k = 0; k < warmup; k++) await send();
  const times: number[] = [];
  for (let k = 0; k < runs; k++) {
    t = performance.now();
    await send();
    times.push(performance.now() - t);
  }
  return { median: median(times), answer };
}

const said = (a: Answer) =>
  `${a.status}${a.code ? ` ${a.code}` : ""}${a.bytes > 100_000 ? `, ${kib(a.bytes)} KiB answer` : ""}`;

/** The handler-CPU rows (X1–X12). */
async function cpuRows(opts: HostileOptions, log: (line: string) => void): Promise<{ rows: Row[]; all: Payload[] }> {
  const unit = unitCode(0);
  const cases = handlerCases({
    template: template.id,
    unit,
    units: [unit],
    jsonText: "{}",
    xlsx: new Uint8Array(0),
    snapshots: [canonicalSnapshot(unit, 0)],
  });
  const { legit, bombs } = payloads(unit);
  const send = (p: Payload) => () => cases.submit(`/api/submissions${p.query}`, p.body, p.type);
  const base = await handlerTime(send(legit), opts.smoke);
  if (base.answer.status !== 201)
    throw new Error(`the largest legitimate workbook answered ${said(base.answer)}, expected 201`);
  const rows: Row[] = [
    {
      id: legit.id,
      measure: `POST ${legit.name}: handler CPU, warm median`,
      figure: `${ms(base.median)} ms (→ ${said(base.answer)})`,
      budget: "baseline for X2–X12",
      ratio: "1.00× X1",
      verdict: "info",
    },
  ];
  for (const b of bombs) {
    log(`bench: hostile ${b.id} ${b.name}…`);
    try {
      const t = await handlerTime(send(b), opts.smoke);
      const r = t.median / base.median;
      rows.push({
        id: b.id,
        measure: `POST ${b.name} (${kib(b.body.length)} KiB): handler CPU, warm median`,
        figure: `${ms(t.median)} ms (→ ${said(t.answer)})`,
        budget: `≤ 2× X1 (${ms(2 * base.median)} ms)`,
        ratio: `${r.toFixed(2)}× X1`,
        verdict: r <= 2 ? "ok" : "MISSED",
      });
    } catch (err) {
      rows.push(failed(b.id, `POST ${b.name}: handler CPU`, "≤ 2× X1", err));
    }
  }
  return { rows, all: bombs };
}

interface Health {
  p99: number;
  p50: number;
  rps: number;
  bad: string | null;
}

async function health(url: string, seconds: number, connections: number): Promise<Health> {
  const instance = autocannon({ url: `${url}/api/health`, connections, duration: seconds, timeout: 10 });
  let timer: NodeJS.Timeout | undefined;
  const backstop = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => {
        instance.stop();
        reject(new Error("autocannon /api/health did not finish"));
      },
      (seconds + 20) * 1000,
    );
  });
  try {
    const r: Result = await Promise.race([instance, backstop]);
    const bad =
      r.errors || r.timeouts || r.non2xx ? `${r.errors} errors, ${r.timeouts} timeouts, ${r.non2xx} non-2xx` : null;
    return { p99: r.latency.p99, p50: r.latency.p50, rps: r.requests.total / r.duration, bad };
  } finally {
    clearTimeout(timer);
  }
}

const X13 = "GET /api/health p99 on wrangler dev while X2–X12 are posted in turn without pause";
const X14 = "The same with the workbook bombs only (X2–X7, X9–X12: no JSON body)";

/**
 * X13: GET /api/health on wrangler dev, alone and while one attacker posts every bomb in turn
 * without pause; X14 the same without the JSON body (what the workbook reader alone allows).
 */
async function httpRows(bombs: Payload[], opts: HostileOptions, log: (line: string) => void): Promise<Row[]> {
  const worker = await startLocalWorker({ logLevel: "warn", inspector: true });
  try {
    log(`bench: hostile http at ${worker.url}`);
    // Each kind from its own unit and token, so the per-token submission limit never answers for the Worker.
    const tokens: string[] = [];
    await api(
      worker.url,
      "/api/units",
      worker.adminToken,
      { code: "HOSTILE", name: "Nhóm thử tấn công", kind: "nhóm", parent: "94" },
      200,
    );
    for (const [k] of bombs.entries()) {
      const code = `HOSTILE-${k + 1}`;
      await api(
        worker.url,
        "/api/units",
        worker.adminToken,
        { code, name: `Đơn vị thử ${k + 1}`, kind: "huyện", parent: "HOSTILE" },
        200,
      );
      tokens.push(
        (
          await api<{ token: string }>(worker.url, "/api/admin/tokens", worker.adminToken, {
            role: "submitter",
            unit: code,
          })
        ).token,
      );
    }
    const alone = await health(worker.url, opts.seconds, opts.connections);

    const underAttack = async (
      which: (b: Payload) => boolean,
    ): Promise<{ health: Health; statuses: Map<string, number> }> => {
      let stop = false;
      const statuses = new Map<string, number>();
      const attacker = (async () => {
        for (let k = 0; !stop; k = (k + 1) % bombs.length) {
          const b = bombs[k];
          if (!which(b)) continue;
          const unit = `HOSTILE-${k + 1}`;
          const query = b.query.replace(/unit=[^&]*/, `unit=${unit}`);
          const body =
            b.type === JSON_TYPE
              ? new TextDecoder().decode(b.body).replace(`"unit":"${unitCode(0)}"`, `"unit":"${unit}"`)
              : b.body;
          try {
            const res = await fetch(`${worker.url}/api/submissions${query}`, {
              method: "POST",
              body,
              headers: { Authorization: `Bearer ${tokens[k]}`, "Content-Type": b.type },
              signal: AbortSignal.timeout(30_000),
            });
            await res.arrayBuffer();
            statuses.set(String(res.status), (statuses.get(String(res.status)) ?? 0) + 1);
          } catch (err) {
            statuses.set("error", (statuses.get("error") ?? 0) + 1);
            log(`bench: hostile ${b.id} over HTTP: ${err instanceof Error ? err.message : String(err)}`);
          }
        }
      })();
      await new Promise((r) => setTimeout(r, 300)); // the bombs are in flight before health is measured
      try {
        return { health: await health(worker.url, opts.seconds, opts.connections), statuses };
      } finally {
        stop = true;
        await attacker;
      }
    };

    const row = (
      id: string,
      measure: string,
      budgeted: boolean,
      r: { health: Health; statuses: Map<string, number> },
    ): Row => {
      const { health: h, statuses } = r;
      if (h.bad || alone.bad) return failed(id, measure, "p99 < 100 ms", h.bad ?? alone.bad);
      const sent = [...statuses].map(([s, n]) => `${n}× ${s}`).join(", ");
      // Every answer a clear 4xx, or 201 for a bomb the limits let through; a 429 would mean the limiter answered
      // instead.
      const wrong = [...statuses.keys()].filter((s) => !/^(4\d\d|201)$/.test(s) || s === "429");
      const ok = h.p99 < 100 && wrong.length === 0;
      return {
        id,
        measure,
        figure: `${ms(h.p99)} ms p99 (p50 ${ms(h.p50)} ms, ${h.rps.toFixed(0)} req/s; alone: p99 ${ms(alone.p99)} ms, ${alone.rps.toFixed(0)} req/s); bombs answered ${sent}`,
        budget: budgeted ? "p99 < 100 ms" : "diagnostic (budget of X13)",
        ratio: `${(h.p99 / 100).toFixed(2)} of budget`,
        verdict: budgeted ? (ok ? "ok" : "MISSED") : "info",
      };
    };
    const all = row("X13", X13, true, await underAttack(() => true));
    const workbooks = row("X14", X14, false, await underAttack((b) => b.type === XLSX));
    return [all, workbooks];
  } finally {
    await worker.stop();
  }
}

export async function hostileRows(opts: HostileOptions, log: (line: string) => void): Promise<Row[]> {
  const { rows, all } = await cpuRows(opts, log);
  try {
    rows.push(...(await httpRows(all, opts, log)));
  } catch (err) {
    rows.push(failed("X13", X13, "p99 < 100 ms", err), failed("X14", X14, "diagnostic (budget of X13)", err));
  }
  return rows;
}

/** Every row, failed, when the section could not start. */
export function hostileFailedRows(err: unknown): Row[] {
  return [
    failed("X1", "Largest legitimate workbook: handler CPU", "baseline", err),
    ...Array.from({ length: 11 }, (_, k) => failed(`X${k + 2}`, "Hostile input: handler CPU", "≤ 2× X1", err)),
    failed("X13", X13, "p99 < 100 ms", err),
    failed("X14", X14, "diagnostic (budget of X13)", err),
  ];
}
