import { Hono } from "hono";
import { isLanguage, type Language } from "../../domain";
import type { AppEnv } from "../env";
import { openApiDocument } from "../openapi/document";
import { EXAMPLES } from "../openapi/examples";
import { docsPage } from "../openapi/page";
import { PARAMS } from "../openapi/params";
import { route } from "../openapi/registry";
import { OpenApiSchema } from "../openapi/responses";
import { language, langOf } from "../pages/i18n";

export const docs = new Hono<AppEnv>();

/**
 * The document and the page per language, built once per isolate (the routes do not change while
 * it runs): building them takes tens of milliseconds of CPU, serving them afterwards next to none.
 */
const documents = new Map<Language, ReturnType<typeof openApiDocument>>();
const pages = new Map<Language, string>();

function documentIn(lang: Language) {
  let doc = documents.get(lang);
  if (!doc) documents.set(lang, (doc = openApiDocument("", lang)));
  return doc;
}

async function pageIn(lang: Language): Promise<string> {
  let page = pages.get(lang);
  if (page === undefined) pages.set(lang, (page = String(await docsPage(documentIn(lang), lang))));
  return page;
}

route({
  method: "get",
  path: "/api/openapi.json",
  summary: { vi: "Tài liệu OpenAPI 3.1 của mọi tuyến", en: "The OpenAPI 3.1 document of every route" },
  roles: "public",
  params: [PARAMS.lang],
  responses: { 200: { vi: "OpenAPI 3.1 (JSON)", en: "OpenAPI 3.1 (JSON)", schema: OpenApiSchema } },
  examples: EXAMPLES.openapi,
});
// The machine-readable document follows ?lang= only (Vietnamese by default), never a cookie.
docs.get("/openapi.json", (c) => {
  const asked = c.req.query("lang");
  return c.json({ ...documentIn(isLanguage(asked) ? asked : "vi"), servers: [{ url: new URL(c.req.url).origin }] });
});

/**
 * The docs page is plain HTML with its stylesheet at /static/docs.css: no script, no inline
 * style, nothing loaded from elsewhere, no forms, no framing.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

route({
  method: "get",
  path: "/api/docs",
  summary: {
    vi: "Trang tài liệu API (tiếng Việt; ?lang=en: tiếng Anh, nhớ bằng cookie như các trang khác)",
    en: "The API docs page (Vietnamese; ?lang=en: English, remembered in a cookie like the other pages)",
  },
  roles: "public",
  params: [PARAMS.lang],
  responses: { 200: { vi: "Trang HTML", en: "An HTML page", media: ["text/html"] } },
  examples: EXAMPLES.docs,
});
docs.get("/docs", language, async (c) => {
  c.header("Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "same-origin");
  return c.html(await pageIn(langOf(c)));
});
