// Calls the Worker in-process with its clock set by the test (worker/clock.ts, TEST_CLOCK): token
// and session expiry and the once-a-minute record of a token's use are checked at chosen moments,
// never at the wall clock's. Each call waits for the work the Worker leaves for after its answer.
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import app from "../../../worker";

export const ORIGIN = "http://local.test";

export interface ClockedInit {
  token?: string;
  cookie?: string;
  json?: unknown;
  form?: Record<string, string>;
  method?: string;
  headers?: Record<string, string>;
}

/** The SQL of every statement the Worker prepares on D1 during the calls that pass this log. */
export function sqlLog(): { statements: string[]; db: D1Database } {
  const statements: string[] = [];
  // The Worker runs its queries in a D1 session when there is one (decision 0023): log those too.
  const logged = <T extends object>(inner: T): T =>
    new Proxy(inner, {
      get(target, key) {
        const value = Reflect.get(target, key, target);
        if (key === "prepare")
          return (sql: string) => {
            statements.push(sql);
            return (target as unknown as D1Database).prepare(sql);
          };
        if (key === "withSession")
          return (...args: [string?]) => logged((target as unknown as D1Database).withSession(...args));
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
  return { statements, db: logged(env.DB) };
}

export async function at(
  moment: string | Date,
  path: string,
  init: ClockedInit = {},
  db: D1Database = env.DB,
): Promise<Response> {
  const clock = typeof moment === "string" ? new Date(moment) : moment;
  const headers: Record<string, string> = { ...init.headers };
  if (init.token) headers.Authorization = `Bearer ${init.token}`;
  if (init.cookie) headers.Cookie = init.cookie;
  let body: BodyInit | undefined;
  if (init.json !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers["Content-Type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(init.form);
  }
  const method = init.method ?? (body !== undefined ? "POST" : "GET");
  if (method !== "GET" && !init.token) headers.Origin = ORIGIN;
  const request = new Request(`${ORIGIN}${path}`, { method, headers, body, redirect: "manual" });
  const ctx = createExecutionContext();
  const res = await app.fetch(request, { ...env, DB: db, TEST_CLOCK: () => new Date(clock) }, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

/** A moment `ms` milliseconds after `iso`, as ISO. */
export function plus(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString();
}
