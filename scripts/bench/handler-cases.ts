// The requests whose CPU is budgeted, as calls into the real Hono app (worker/index.ts) with D1
// and R2 answered from memory. Built from plain payloads so that a fresh process (the cold
// probe) can run one request without having run any domain code first.
import { createHash } from "node:crypto";
import app from "../../worker/index";
import { StubD1, StubLimiter, StubR2, type StubToken } from "./stub-env";

export const CASES = ["postJson", "postXlsx", "consolidatedJson", "consolidatedXlsx", "health"] as const;
export type CaseId = (typeof CASES)[number];

export interface Payloads {
  template: string;
  /** The submitting unit; `units` are the codes consolidation includes. */
  unit: string;
  units: string[];
  jsonText: string;
  xlsx: Uint8Array;
  /** Canonical JSON of each unit's stored snapshot, in `units` order. */
  snapshots: string[];
}

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const SUBMITTER = "bench-submitter-token-0001";
const LEADER = "bench-leader-token-000001";

// Hashed with node:crypto, not the Worker's sha256Hex, so the probe does not warm Worker code.
const token = (value: string, role: StubToken["role"], unit: string | null): StubToken => ({
  hash: createHash("sha256").update(value).digest("hex"),
  id: `tok-${role}`,
  role,
  unit,
});

/** What a request answered: its status and the first error or issue code of its body, if any. */
export interface Answer {
  status: number;
  code: string | null;
  bytes: number;
}

export interface HandlerCases {
  db: StubD1;
  limiter: StubLimiter;
  run: Record<CaseId, () => Promise<void>>;
  /** Any request into the same app and stubs, as the submitting unit (e.g. a hostile upload). */
  submit(path: string, body: BodyInit, contentType: string): Promise<Answer>;
}

/** The stub D1's units and stored snapshots for a payload set: one unit per snapshot, under 94. */
export function stubRows(p: Payloads) {
  return {
    units: p.units.map((code, k) => ({
      code,
      name: `Đơn vị ${k + 1}`,
      kind: "huyện",
      parent: "94",
      coastal: 0,
      valid_from: null,
      valid_to: null,
    })),
    included: p.snapshots.map((canonical, k) => ({
      id: `snap-${k}`,
      unit: p.units[k],
      version: 1,
      templateVersion: (JSON.parse(canonical) as { templateVersion?: number }).templateVersion ?? 1,
      sha256: "0".repeat(64),
      canonical,
    })),
  };
}

export function handlerCases(p: Payloads): HandlerCases {
  const db = new StubD1({
    tokens: [token(SUBMITTER, "submitter", p.unit), token(LEADER, "leader", null)],
    ...stubRows(p),
  });
  const limiter = new StubLimiter();
  // The bindings wrangler.toml declares (the sign-in limiter only counts failures, none here).
  const env = {
    DB: db,
    FILES: new StubR2(),
    SUBMISSION_LIMITER: limiter,
    FAILED_SIGNIN_LIMITER: new StubLimiter(),
    ADDIN_ORIGINS: "https://localhost:8787",
    ADMIN_TOKEN: "bench-admin-token-not-used-0001",
  };
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} };
  const bytes = new Uint8Array(p.xlsx);

  async function call(path: string, init: RequestInit, status: number): Promise<void> {
    const res = await app.fetch(new Request(`http://bench.local${path}`, init), env as never, ctx as never);
    const body = await res.arrayBuffer(); // the response body is part of the work
    if (res.status !== status)
      throw new Error(
        `${init.method ?? "GET"} ${path}: expected ${status}, got ${res.status} ${new TextDecoder().decode(body).slice(0, 200)}`,
      );
  }
  const auth = (t: string) => ({ Authorization: `Bearer ${t}` });
  async function submit(path: string, body: BodyInit, contentType: string): Promise<Answer> {
    const init = { method: "POST", headers: { ...auth(SUBMITTER), "Content-Type": contentType }, body };
    const res = await app.fetch(new Request(`http://bench.local${path}`, init), env as never, ctx as never);
    const bytes = await res.arrayBuffer(); // the response body is part of the work
    // The first code of a refusal or report sits at its start; parsing a large report whole would
    // add the bench's own work to the figure.
    const head = new TextDecoder().decode(new Uint8Array(bytes, 0, Math.min(bytes.byteLength, 400)));
    const code = res.status >= 300 ? (/"code":"([A-Za-z0-9_]+)"/.exec(head)?.[1] ?? null) : null;
    return { status: res.status, code, bytes: bytes.byteLength };
  }
  const consolidated = (format: string) => () =>
    call(`/api/consolidated?template=${p.template}&kind=plan&format=${format}`, { headers: auth(LEADER) }, 200);
  return {
    db,
    limiter,
    submit,
    run: {
      postJson: () =>
        call(
          // newVersion=true: a new version each time, even for the same body (decision 0019).
          "/api/submissions?newVersion=true",
          { method: "POST", headers: { ...auth(SUBMITTER), "Content-Type": "application/json" }, body: p.jsonText },
          201,
        ),
      postXlsx: () =>
        call(
          `/api/submissions?template=${p.template}&unit=${p.unit}&kind=plan&newVersion=true`,
          { method: "POST", headers: { ...auth(SUBMITTER), "Content-Type": XLSX }, body: bytes },
          201,
        ),
      consolidatedJson: consolidated("json"),
      consolidatedXlsx: consolidated("xlsx"),
      health: () => call("/api/health", {}, 200),
    },
  };
}
