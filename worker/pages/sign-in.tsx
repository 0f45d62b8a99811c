// Sign-in with an access token, sign-out, and the front door that sends each role to its page.
// A sign-in creates a session (issue 17): the HttpOnly, Secure, SameSite=Strict cookie carries a
// random session id, never the token, stored only as its SHA-256 and ending after 12 hours
// (decision 0009), at sign-out, or with its token. The API keeps taking the Bearer header.
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import {
  lookupSession,
  lookupToken,
  type Refusal,
  SESSION_COOKIE,
  sessionCookie,
  underLimit,
} from "../auth/middleware";
import { newSessionId, SESSION_HOURS, SESSION_SHAPE, sha256Hex, TOKEN_SHAPE } from "../auth/tokens";
import { now } from "../clock";
import { deleteSession, storeSession } from "../db/sessions";
import type { AppEnv } from "../env";
import { pageBase, pageError } from "./guard";
import type { MessageKey } from "./i18n";
import { homeOf, page } from "./layout";

export const session = new Hono<AppEnv>();
session.onError(pageError);

const COOKIE = { prefix: "host", path: "/", secure: true } as const;

/** Why the sign-in page is shown again: `?expired=session` or `?expired=token` (guard.tsx). */
const EXPIRED = new Map<string, MessageKey>([
  ["session", "sessionExpired"],
  ["token", "tokenExpired"],
]);

/**
 * Only a path of this site: "/review?x=1", never "//elsewhere" or "/\\elsewhere". Printable
 * ASCII only (a browser sends the rest percent-encoded): a control character could not go into
 * the Location header. Anything else is ignored, like any other unsafe `next`.
 */
function safeNext(next: unknown): string | null {
  return typeof next === "string" && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && next.length <= 500 ? next : null;
}

session.get("/", ...pageBase, async (c) => {
  // The session is checked like a token: under the failed sign-in limit.
  const id = sessionCookie(c);
  const outcome = id && SESSION_SHAPE.test(id) ? await underLimit(c, () => lookupSession(c, id)) : null;
  return c.redirect(outcome?.ok ? homeOf(outcome.principal.role) : "/sign-in", 303);
});

function signInPage(
  c: Parameters<typeof page>[0],
  opts: {
    next?: string | null;
    failed?: boolean;
    limited?: boolean;
    signedOut?: boolean;
    /** The session or token that ended (a sign-in asked again), or the token refused as expired. */
    expired?: MessageKey;
  },
) {
  return page(
    c,
    { title: (t) => t("signInTitle"), section: "sign-in", status: opts.limited ? 429 : opts.failed ? 401 : 200 },
    (t) => (
      <>
        {opts.signedOut && (
          <p class="notice ok" role="status">
            {t("signedOut")}
          </p>
        )}
        {opts.expired && !opts.failed && (
          <p class="notice info" role="status" id="sign-in-expired">
            {t(opts.expired, { hours: SESSION_HOURS })}
          </p>
        )}
        {opts.failed && (
          <p class="notice error" role="alert" id="sign-in-error">
            {t(opts.limited ? "signInLimited" : (opts.expired ?? "signInFailed"), { hours: SESSION_HOURS })}
          </p>
        )}
        <p class="lead">{t("signInIntro")}</p>
        <form method="post" action="/sign-in" class="card narrow">
          {opts.next && <input type="hidden" name="next" value={opts.next} />}
          <label for="token">{t("tokenLabel")}</label>
          <input
            id="token"
            name="token"
            type="password"
            required
            autocomplete="current-password"
            spellcheck={false}
            aria-describedby={opts.failed ? "token-hint sign-in-error" : "token-hint"}
            aria-invalid={opts.failed ? "true" : undefined}
            autofocus
          />
          <p class="hint" id="token-hint">
            {t("tokenHint")}
          </p>
          <button type="submit" class="primary">
            {t("signInButton")}
          </button>
        </form>
      </>
    ),
  );
}

session.get("/sign-in", ...pageBase, (c) =>
  signInPage(c, {
    next: safeNext(c.req.query("next")),
    signedOut: c.req.query("out") === "1",
    expired: EXPIRED.get(c.req.query("expired") ?? ""),
  }),
);

/** Ends the session this browser's cookie names, if any (sign-out, or a new sign-in). */
async function endSession(c: Parameters<typeof page>[0]): Promise<void> {
  const id = sessionCookie(c);
  if (id && SESSION_SHAPE.test(id)) await deleteSession(c.env.DB, await sha256Hex(id));
}

session.post("/sign-in", ...pageBase, async (c) => {
  const form = await c.req.parseBody();
  const token = typeof form.token === "string" ? form.token.trim() : "";
  const next = safeNext(form.next);
  // Every attempt on the form is counted, before the token is looked at: an address over the
  // limit is refused even with a valid token.
  const outcome = TOKEN_SHAPE.test(token)
    ? await underLimit(c, () => lookupToken(c, token), true)
    : { ok: false as const, limited: false, refusal: "UNAUTHORIZED" as Refusal };
  if (!outcome.ok) {
    if (outcome.limited) c.header("Retry-After", "60");
    const expired = outcome.refusal === "TOKEN_EXPIRED" ? EXPIRED.get("token") : undefined;
    return signInPage(c, { next, failed: true, limited: outcome.limited, expired });
  }
  await endSession(c);
  const id = newSessionId();
  const at = now(c.env);
  await storeSession(c.env.DB, {
    hash: await sha256Hex(id),
    tokenId: outcome.principal.id,
    createdAt: at.toISOString(),
    expiresAt: new Date(at.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  });
  setCookie(c, SESSION_COOKIE, id, { ...COOKIE, httpOnly: true, sameSite: "Strict", maxAge: SESSION_HOURS * 3600 });
  return c.redirect(next ?? homeOf(outcome.principal.role), 303);
});

session.post("/sign-out", ...pageBase, async (c) => {
  await endSession(c);
  deleteCookie(c, SESSION_COOKIE, COOKIE);
  return c.redirect("/sign-in?out=1", 303);
});
