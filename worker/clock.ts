// The Worker's "now". Tests inject a clock through the environment (`TEST_CLOCK`, a function: a
// binding from wrangler.toml or a secret is never one), so nothing they check depends on the wall
// clock: token expiry, session expiry, the once-a-minute record of a token's last use.
import type { Env } from "./env";

export function now(env: Pick<Env, "TEST_CLOCK">): Date {
  const clock = env.TEST_CLOCK;
  return typeof clock === "function" ? clock() : new Date();
}
