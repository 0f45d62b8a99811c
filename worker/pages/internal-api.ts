// Page actions whose rules live only in an API route handler (approve/return, lock/unlock,
// the status board) call that route in-process, with the signed-in token as its Bearer
// header: one place decides roles, required comments and audit rows. Nothing leaves the Worker.
import type { Context } from "hono";
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { onError } from "../errors";
import { locks } from "../routes/locks";
import { status } from "../routes/status";
import { submissions } from "../routes/submissions";

const api = new Hono<AppEnv>();
api.route("/api/submissions", submissions);
api.route("/api/locks", locks);
api.route("/api/status", status);
api.onError(onError);

export interface ApiAnswer<T> {
  status: number;
  ok: boolean;
  body: T;
  /** The first error's message, when the API refused. */
  error?: { code: string; message: string };
}

export async function callApi<T = unknown>(c: Context<AppEnv>, method: "GET" | "POST" | "DELETE", path: string, json?: unknown): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { Authorization: `Bearer ${c.get("cookieToken") ?? ""}` };
  if (json !== undefined) headers["Content-Type"] = "application/json";
  const res = await api.request(path, { method, headers, body: json === undefined ? undefined : JSON.stringify(json) }, c.env);
  const body = (await res.json()) as T & { errors?: { code: string; message: string }[] };
  return { status: res.status, ok: res.ok, body, error: res.ok ? undefined : body.errors?.[0] };
}
