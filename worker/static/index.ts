// /static/app.js and /static/app.css: the pages' script and stylesheet as files of this site,
// so the pages' CSP can forbid inline script and style.
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { APP_CSS } from "./app-css";
import { APP_JS } from "./app-js";
import { DOCS_CSS } from "./docs-css";

export const staticFiles = new Hono<AppEnv>();

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
