// Helpers for API tests: calls into the Worker in-process (workerd, real local D1 and R2),
// fresh units per test file so files never see each other's figures, and the plan's
// figures split across units with exact BigInt arithmetic (independent of the domain code).
import { exports } from "cloudflare:workers";
import { env } from "cloudflare:test";
import fixture from "../../fixtures/kh-157-appendices.json";

export const ADMIN = env.ADMIN_TOKEN;

export interface CallInit {
  method?: string;
  token?: string;
  json?: unknown;
  body?: BodyInit;
  headers?: Record<string, string>;
}

export async function call(path: string, init: CallInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  let body = init.body;
  if (init.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.json);
  }
  return exports.default.fetch(`http://local.test${path}`, {
    method: init.method ?? (body !== undefined ? "POST" : "GET"),
    headers,
    body,
  });
}

export async function ok<T = any>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

let seq = 0;
/** A parent unit and `n` children under it, unique to this call. */
export async function freshUnits(n: number): Promise<{ root: string; units: string[] }> {
  const root = `T${Date.now().toString(36)}${(seq++).toString(36)}`.slice(0, 20);
  await ok(
    await call("/api/units", {
      token: ADMIN,
      json: { code: root, name: `Nhóm thử ${root}`, kind: "nhóm", parent: "94" },
    }),
  );
  const units: string[] = [];
  for (let i = 1; i <= n; i++) {
    const code = `${root}-${i}`;
    await ok(
      await call("/api/units", { token: ADMIN, json: { code, name: `Đơn vị thử ${i}`, kind: "huyện", parent: root } }),
    );
    units.push(code);
  }
  return { root, units };
}

export async function tokenFor(role: "submitter" | "reviewer" | "leader" | "admin", unit?: string): Promise<string> {
  const body = await ok<{ token: string }>(
    await call("/api/admin/tokens", { token: ADMIN, json: { role, unit } }),
    201,
  );
  return body.token;
}

export async function count(table: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT count(*) AS n FROM ${table}`).first<{ n: number }>();
  return row!.n;
}

export async function countR2(): Promise<number> {
  return (await env.FILES.list()).objects.length;
}

type Json = Record<string, any>;
const MEASURES: [string, string][] = [
  ["quantity", "quantity"],
  ["NSTW", "NSTW"],
  ["NSDP", "NSĐP"],
];
const YEARS = ["2023", "2024", "2025"];

/** "1209.915" → 1209915000n đồng. */
export function dong(text: string): bigint {
  const [int, frac = ""] = text.split(".");
  return BigInt(int) * 1_000_000n + BigInt(frac.padEnd(6, "0"));
}

export function trieu(d: bigint): string {
  const int = d / 1_000_000n;
  const frac = (d % 1_000_000n).toString().padStart(6, "0").replace(/0+$/, "");
  return frac ? `${int}.${frac}` : `${int}`;
}

/** The plan's year figures split into `n` uneven parts per cell that add up exactly. */
export function splitPlan(n: number): Json[] {
  const parts: Json[] = Array.from({ length: n }, () => ({}));
  for (const a of fixture.appendices) {
    for (const row of a.rows as Json[]) {
      const item = row.stt.replace(/\.$/, "");
      for (const [m, key] of MEASURES) {
        for (const y of YEARS) {
          const v = row[key][y];
          if (v === null) continue;
          const whole = m === "quantity" ? BigInt(v) : dong(v) / 1000n; // money in nghìn đồng steps
          let rest = whole;
          for (let k = 0; k < n; k++) {
            const share = k === n - 1 ? rest : (whole * BigInt(k + 1)) / BigInt((n * (n + 1)) / 2);
            rest -= share;
            const value = m === "quantity" ? Number(share) : trieu(share * 1000n);
            (((parts[k][a.id] ??= {})[item] ??= {})[m] ??= {})[y] = value;
          }
        }
      }
    }
  }
  return parts;
}

/** Fixture figures in the consolidated JSON shape (nulls omitted), for exact comparison. */
export function fixtureTree(): Json {
  const out: Json = {};
  for (const a of fixture.appendices) {
    const rows = [
      ...(a.rows as Json[]).map((r) => [r.stt.replace(/\.$/, ""), r] as const),
      ["total", a.totalRow as Json] as const,
    ];
    for (const [id, row] of rows) {
      for (const [m, key] of MEASURES) {
        const cell: Json = (((out[a.id] ??= {})[id] ??= {})[m] = {});
        for (const p of ["2023", "2024", "2025", "total"]) if (row[key][p] !== null) cell[p] = row[key][p];
      }
    }
  }
  return out;
}

export function submission(unit: string, appendices: Json, extra: Json = {}): Json {
  return { template: "kh-157-2023", unit, kind: "plan", appendices, ...extra };
}

export const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
