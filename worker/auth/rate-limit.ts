// Abuse limits on top of the Workers rate-limiting bindings: failed sign-ins per client address,
// submissions per token. A deployment without the bindings simply runs unlimited.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { catalogueError } from "../errors";

/** The one address every request has where no client address can be trusted (local runs). */
export const LOCAL_ADDRESS = "local";

/**
 * The address failed sign-ins are counted against, or null when there is none to count.
 *
 * - Deployed (`TRUST_CF_CONNECTING_IP = "true"`, wrangler.toml [vars]) Cloudflare's edge sets
 *   CF-Connecting-IP on every request it forwards and overwrites a copy the client sent.
 * - Locally (`npm start` and the local test Worker put `TRUST_CF_CONNECTING_IP="false"` in
 *   .dev.vars) wrangler dev fills the header in only when the client did not send one, so any
 *   client could pick its own address: every request counts as the one address "local".
 * - A request without `request.cf` never came over HTTP from a client (the app called in
 *   process, as the tests do, or through a service binding): nothing to count.
 */
export function clientAddress(c: Context<AppEnv>): string | null {
  if (!(c.req.raw as { cf?: unknown }).cf) return null;
  if (c.env.TRUST_CF_CONNECTING_IP !== "true") return LOCAL_ADDRESS;
  return c.req.header("CF-Connecting-IP") || null;
}

/**
 * Addresses with a failed sign-in since the limiter last let them through, in this isolate.
 * The rate-limiting binding can only count (no "is this key over?" without counting), so a
 * valid token is not counted from an address in good standing, but from a suspect address the
 * limiter is asked first. Bounded: the oldest suspects are forgotten first.
 */
const suspects = new Map<string, true>();
const MAX_SUSPECTS = 10_000;

function suspect(address: string): void {
  suspects.delete(address);
  suspects.set(address, true);
  if (suspects.size > MAX_SUSPECTS) suspects.delete(suspects.keys().next().value!);
}

export type SignInOutcome<T> = { ok: true; value: T } | { ok: false; limited: boolean };

/**
 * Checks a token (`check` answers null for a wrong one) under the failed sign-in limit. The
 * limiter is consulted before the token is checked on every attempt (`everyAttempt`: the
 * sign-in form) or when the address has failed before, so an address over the limit is refused
 * even when it finally sends a valid token: a guess that happens to be right reveals nothing.
 * Each failure is counted once.
 */
export async function signInUnderLimit<T>(
  c: Context<AppEnv>,
  check: () => Promise<T | null>,
  everyAttempt = false,
): Promise<SignInOutcome<T>> {
  const limiter = c.env.FAILED_SIGNIN_LIMITER;
  const address = clientAddress(c);
  if (!limiter || !address) {
    const value = await check();
    return value ? { ok: true, value } : { ok: false, limited: false };
  }
  const key = `signin:${address}`;
  const consulted = everyAttempt || suspects.has(address);
  if (consulted && !(await limiter.limit({ key })).success) {
    suspect(address);
    return { ok: false, limited: true };
  }
  const value = await check();
  if (value) {
    if (consulted) suspects.delete(address);
    return { ok: true, value };
  }
  suspect(address);
  return { ok: false, limited: consulted ? false : !(await limiter.limit({ key })).success };
}

export async function limitSubmissions(c: Context<AppEnv>, tokenId: string): Promise<void> {
  const limiter = c.env.SUBMISSION_LIMITER;
  if (!limiter) return;
  const { success } = await limiter.limit({ key: `submit:${tokenId}` });
  if (!success) {
    c.header("Retry-After", "60");
    throw catalogueError(429, "RATE_LIMITED");
  }
}
