// The frame every page shares: language, skip link, navigation by role, sign-out, one main.
// Only external script and style (CSP script-src 'self'); all stored text goes through JSX,
// which escapes it.
import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { Principal, Role } from "../auth/principal";
import type { Language } from "../../domain";
import type { AppEnv } from "../env";
import { langOf, type Translate, translator } from "./i18n";

export type Section = "district" | "review" | "dashboard" | "admin" | "sign-in" | "error";

type NavKey = "navDistrict" | "navReview" | "navDashboard";

/** The administrator's entry is named here (its pages keep their own words: admin-shared.tsx). */
const ADMIN_LABEL: Record<Language, string> = { vi: "Quản trị", en: "Administration" };

const NAV: { section: Section; href: string; key: NavKey | Record<Language, string>; roles: Role[] }[] = [
  { section: "district", href: "/district", key: "navDistrict", roles: ["submitter", "admin"] },
  { section: "review", href: "/review", key: "navReview", roles: ["reviewer", "admin"] },
  { section: "dashboard", href: "/dashboard", key: "navDashboard", roles: ["leader", "reviewer", "admin"] },
  { section: "admin", href: "/admin", key: ADMIN_LABEL, roles: ["admin"] },
];

/** The page a role lands on after signing in. */
export function homeOf(role: Role): string {
  return role === "submitter"
    ? "/district"
    : role === "reviewer"
      ? "/review"
      : role === "leader"
        ? "/dashboard"
        : "/admin";
}

/** The current address with ?lang= switched, other parameters kept. */
function switchHref(c: Context<AppEnv>, lang: string): string {
  const url = new URL(c.req.url);
  url.searchParams.set("lang", lang);
  return c.req.method === "GET" ? `${url.pathname}${url.search}` : `${url.pathname}?lang=${lang}`;
}

interface FrameProps {
  c: Context<AppEnv>;
  t: Translate;
  title: string;
  section: Section;
  principal?: Principal | null;
  children?: Child;
}

function Frame({ c, t, title, section, principal, children }: FrameProps) {
  const lang = langOf(c);
  const other = t("switchLang");
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} – ${t("appName")}`}</title>
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href="/static/app.css" />
        <script src="/static/app.js" defer></script>
      </head>
      <body>
        <a class="skip" href="#main">
          {t("skip")}
        </a>
        <header class="top">
          <div class="brand">
            <a href="/">{t("appName")}</a>
            <span class="tagline">{t("appTagline")}</span>
          </div>
          {principal && (
            <nav aria-label={t("navLabel")}>
              <ul>
                {NAV.filter((n) => n.roles.includes(principal.role)).map((n) => (
                  <li>
                    <a href={n.href} aria-current={n.section === section ? "page" : undefined}>
                      {typeof n.key === "string" ? t(n.key) : n.key[lang]}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          )}
          <div class="tools">
            {principal && <span class="who">{t("signedInAs", { role: t(`role.${principal.role}`) })}</span>}
            <a class="lang" href={switchHref(c, other)} hreflang={other} lang={other}>
              {t("switchTo")}
            </a>
            {principal && (
              <form method="post" action="/sign-out" class="inline">
                <button type="submit" class="link">
                  {t("signOut")}
                </button>
              </form>
            )}
          </div>
        </header>
        <main id="main" tabindex={-1}>
          <h1>{title}</h1>
          {children}
        </main>
      </body>
    </html>
  );
}

export interface PageOptions {
  title: string | ((t: Translate) => string);
  section: Section;
  status?: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 423 | 429 | 500;
}

/** Renders a full page: `body` gets the translator so views never pick the language themselves. */
export async function page(c: Context<AppEnv>, opts: PageOptions, body: (t: Translate) => Child) {
  const t = translator(langOf(c));
  const principal = c.get("principal") ?? null;
  const title = typeof opts.title === "string" ? opts.title : opts.title(t);
  const node = (
    <Frame c={c} t={t} title={title} section={opts.section} principal={principal}>
      {body(t)}
    </Frame>
  );
  return c.html(`<!doctype html>${await node.toString()}`, opts.status ?? 200);
}
