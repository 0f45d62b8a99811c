// Calls the pages in-process (workerd, real local D1 and R2) the way a browser would: a
// same-origin Origin header on forms, the sign-in cookie carried by hand.
import { exports } from "cloudflare:workers";
import { expect } from "vitest";

export const ORIGIN = "http://local.test";

export interface PageInit {
  method?: string;
  cookie?: string;
  form?: Record<string, string> | FormData;
  origin?: string | null;
  headers?: Record<string, string>;
}

export async function request(path: string, init: PageInit = {}): Promise<Response> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.cookie) headers.Cookie = init.cookie;
  let body: BodyInit | undefined;
  if (init.form instanceof FormData) body = init.form;
  else if (init.form) {
    body = new URLSearchParams(init.form);
    headers["Content-Type"] = "application/x-www-form-urlencoded";
  }
  const method = init.method ?? (body ? "POST" : "GET");
  if (method !== "GET" && init.origin !== null) headers.Origin = init.origin ?? ORIGIN;
  return exports.default.fetch(`${ORIGIN}${path}`, { method, headers, body, redirect: "manual" });
}

/** Signs in with a token and answers the cookie header to send afterwards. */
export async function signIn(token: string): Promise<string> {
  const res = await request("/sign-in", { form: { token } });
  if (res.status !== 303) throw new Error(`sign-in answered ${res.status}: ${await res.text()}`);
  const cookie = res.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0];
}

export async function html(res: Response, status = 200): Promise<string> {
  const text = await res.text();
  if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text.slice(0, 2000)}`);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  return text;
}

/** The visible text of a page, tags removed and entities decoded (enough for assertions). */
export function textOf(page: string): string {
  return page
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ");
}
