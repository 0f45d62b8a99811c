// /static/app.js and /static/app.css: the pages' script and stylesheet as files of this site,
// so the pages' CSP can forbid inline script and style.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { APP_CSS } from "./app-css";
import { APP_JS } from "./app-js";

export const staticFiles = new Hono<AppEnv>();

/** The API docs page's stylesheet (/api/docs, whose CSP allows only style-src 'self'). */
const DOCS_CSS =
  "body{font:15px/1.5 system-ui,sans-serif;margin:2rem;color:#1a1a1a}table{border-collapse:collapse;width:100%}td,th{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef}\n";

// A Map, not an object literal: "/static/__proto__" or "/static/constructor" must be a 404,
// never something inherited from Object.prototype.
const FILES = new Map<string, [string, string]>([
  ["app.js", [APP_JS, "text/javascript; charset=utf-8"]],
  ["app.css", [APP_CSS, "text/css; charset=utf-8"]],
  ["docs.css", [DOCS_CSS, "text/css; charset=utf-8"]],
]);

staticFiles.get("/:name", (c) => {
  const file = FILES.get(c.req.param("name"));
  if (!file) return c.notFound();
  return c.body(file[0], 200, {
    "Content-Type": file[1],
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=300",
  });
});
