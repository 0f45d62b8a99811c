// Sign-in with an access token (kept in an HttpOnly, Secure, SameSite=Strict cookie), sign-out,
// and the front door that sends each role to its page. The API keeps taking the Bearer header.
import { Hono } from "hono";
import { deleteCookie, setCookie } from "hono/cookie";
import { principalFor, SESSION_COOKIE, sessionToken } from "../auth/middleware";
import { signInUnderLimit } from "../auth/rate-limit";
import { TOKEN_SHAPE } from "../auth/tokens";
import type { AppEnv } from "../env";
import { pageBase, pageError } from "./guard";
import { homeOf, page } from "./layout";

export const session = new Hono<AppEnv>();
session.onError(pageError);

const COOKIE = { prefix: "host", path: "/", secure: true } as const;
const SESSION_HOURS = 12;

/**
 * Only a path of this site: "/review?x=1", never "//elsewhere" or "/\\elsewhere". Printable
 * ASCII only (a browser sends the rest percent-encoded): a control character could not go into
 * the Location header. Anything else is ignored, like any other unsafe `next`.
 */
function safeNext(next: unknown): string | null {
  return typeof next === "string" && /^\/(?![/\\])[\x21-\x7e]*$/.test(next) && next.length <= 500 ? next : null;
}

session.get("/", ...pageBase, async (c) => {
  // The cookie is a token like any other: checked under the failed sign-in limit.
  const token = sessionToken(c);
  const outcome = token && TOKEN_SHAPE.test(token) ? await signInUnderLimit(c, () => principalFor(token, c.env)) : null;
  return c.redirect(outcome?.ok ? homeOf(outcome.value.role) : "/sign-in", 303);
});

function signInPage(
  c: Parameters<typeof page>[0],
  opts: { next?: string | null; failed?: boolean; limited?: boolean; signedOut?: boolean },
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
        {opts.failed && (
          <p class="notice error" role="alert" id="sign-in-error">
            {t(opts.limited ? "signInLimited" : "signInFailed")}
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
  signInPage(c, { next: safeNext(c.req.query("next")), signedOut: c.req.query("out") === "1" }),
);

session.post("/sign-in", ...pageBase, async (c) => {
  const form = await c.req.parseBody();
  const token = typeof form.token === "string" ? form.token.trim() : "";
  const next = safeNext(form.next);
  // Every attempt on the form is counted, before the token is looked at: an address over the
  // limit is refused even with a valid token.
  const outcome = TOKEN_SHAPE.test(token)
    ? await signInUnderLimit(c, () => principalFor(token, c.env), true)
    : { ok: false as const, limited: false };
  if (!outcome.ok) {
    if (outcome.limited) c.header("Retry-After", "60");
    return signInPage(c, { next, failed: true, limited: outcome.limited });
  }
  setCookie(c, SESSION_COOKIE, token, { ...COOKIE, httpOnly: true, sameSite: "Strict", maxAge: SESSION_HOURS * 3600 });
  return c.redirect(next ?? homeOf(outcome.value.role), 303);
});

session.post("/sign-out", ...pageBase, (c) => {
  deleteCookie(c, SESSION_COOKIE, COOKIE);
  return c.redirect("/sign-in?out=1", 303);
});
