// What every page passes through: security headers, the language, CSRF on forms, the
// sign-in cookie turned into a principal, the role check, and errors rendered as pages.
import type { Context } from "hono";
import { deleteCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import { HTTPException } from "hono/http-exception";
import { authenticate, SESSION_COOKIE, sessionCookie } from "../auth/middleware";
import { issueText, type Language, word } from "../../domain";
import type { Role } from "../auth/principal";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { UPLOAD_LIMIT_MIB } from "../limits";
import { chooseLanguage, langOf, language, type MessageKey } from "./i18n";
import { page } from "./layout";

/**
 * No inline script or style anywhere (the one script and stylesheet are files under
 * /static/), forms post only here, and no page may be framed (the add-in's task pane is not
 * one of these pages).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

export const pageHeaders = createMiddleware<AppEnv>(async function pageHeaders(c, next) {
  await next();
  setPageHeaders(c);
});

function setPageHeaders(c: Context<AppEnv>) {
  c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "same-origin");
  c.header("Cross-Origin-Opener-Policy", "same-origin");
  c.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  // Pages show a unit's figures: never kept by shared caches or the back-forward cache.
  c.header("Cache-Control", "no-store");
}

/** Headers, language and (for POST) the same-origin check, in that order. */
export const pageBase = [pageHeaders, language, csrf()] as const;

/** The sign-in cookie's session becomes the principal; no cookie sends the browser to the sign-in page. */
const fromCookie = createMiddleware<AppEnv>(async function fromCookie(c, next) {
  const session = sessionCookie(c);
  if (!session) throw new PageRedirect(signInHref(c));
  c.set("cookieSession", session);
  await next();
});

/** The role check of a page: refused with a page that names who may use it (an administrator has every role). */
function allow(roles: Role[]) {
  return createMiddleware<AppEnv>(async function allow(c, next) {
    const who = c.get("principal");
    if (!roles.includes(who.role) && who.role !== "admin") throw new PageForbidden(roles);
    await next();
  });
}

export function signedIn(...roles: Role[]) {
  return [...pageBase, fromCookie, authenticate, ...(roles.length ? [allow(roles)] : [])] as const;
}

/** The sign-in page, with where to go back to and (`expired`) why the person must sign in again. */
function signInHref(c: Context<AppEnv>, expired?: "session" | "token"): string {
  const url = new URL(c.req.url);
  const next = c.req.method === "GET" ? url.pathname + url.search : "";
  const query = [
    ...(expired ? [`expired=${expired}`] : []),
    ...(next && next !== "/" ? [`next=${encodeURIComponent(next)}`] : []),
  ];
  return query.length ? `/sign-in?${query.join("&")}` : "/sign-in";
}

/** Thrown by a page to answer with a redirect (303 See Other after a form). */
export class PageRedirect extends Error {
  constructor(readonly location: string) {
    super(location);
    this.name = "PageRedirect";
  }
}

/** Thrown by a page its role may not use: the page names the roles that may (or says `reason`). */
export class PageForbidden extends Error {
  constructor(
    readonly roles: Role[],
    readonly reason?: MessageKey,
  ) {
    super(`for ${roles.join(", ")}`);
    this.name = "PageForbidden";
  }
}

type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500;

/** A further line under an error: a text, or a page word with its parameters. */
type Detail = string | { key: MessageKey; [param: string]: string };

function errorPage(c: Context<AppEnv>, status: ErrorStatus, key: MessageKey, detail?: Detail) {
  return page(c, { title: (t) => t("errorTitle"), section: "error", status }, (t) => (
    <>
      <div class="notice error" role="alert">
        <p>{t(key, { mib: UPLOAD_LIMIT_MIB })}</p>
        {detail && <p>{typeof detail === "string" ? detail : t(detail.key, detail)}</p>}
      </div>
      <p>
        <a href="/">{t("home")}</a>
      </p>
    </>
  ));
}

/**
 * An API error in the page language: catalogue codes are rendered from their params, others keep their Vietnamese
 * message.
 */
export function apiErrorText(err: ApiError, lang: Language): string {
  return issueText({ code: err.code, message: err.message, params: err.params }, lang);
}

/** A browser asking for a page (Accept: text/html) outside the API: it gets pages, even for errors. */
export function wantsPage(c: Context<AppEnv>): boolean {
  return !c.req.path.startsWith("/api/") && (c.req.header("Accept") ?? "").includes("text/html");
}

/** An unknown address asked for by a browser: a page in the browser's language, not the API's JSON. */
export function notFoundPage(c: Context<AppEnv>) {
  setPageHeaders(c);
  chooseLanguage(c);
  return errorPage(c, 404, "notFound");
}

export async function pageError(err: Error, c: Context<AppEnv>) {
  if (err instanceof PageRedirect) return c.redirect(err.location, 303);
  if (err instanceof PageForbidden) {
    const lang = langOf(c);
    const roles = err.roles.map((r) => word("role", r, lang)).join(", ");
    return errorPage(c, 403, err.reason ?? "forbidden", err.reason ? undefined : { key: "forbiddenFor", roles });
  }
  const status = err instanceof ApiError || err instanceof HTTPException ? err.status : 500;
  if (status === 401) {
    // A session that ended, or whose token was revoked or expired: forget it, then ask again
    // (saying why when it simply ran out).
    deleteCookie(c, SESSION_COOKIE, { path: "/", secure: true, prefix: "host" });
    const code = err instanceof ApiError ? err.code : "";
    const expired = code === "SESSION_EXPIRED" ? "session" : code === "TOKEN_EXPIRED" ? "token" : undefined;
    return c.redirect(signInHref(c, expired), 303);
  }
  if (status === 403) return errorPage(c, 403, err instanceof HTTPException ? "crossSite" : "forbidden");
  if (status === 404)
    return errorPage(c, 404, "notFound", err instanceof ApiError ? apiErrorText(err, langOf(c)) : undefined);
  if (status === 413) return errorPage(c, 413, "tooLarge");
  if (err instanceof ApiError && status < 500)
    return errorPage(c, status as ErrorStatus, "requestRefused", apiErrorText(err, langOf(c)));
  console.error(`${c.req.method} ${c.req.path}:`, err);
  return errorPage(c, 500, "serverError");
}
