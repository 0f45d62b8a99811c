import { Hono } from "hono";
import { html } from "hono/html";
import type { AppEnv } from "../env";
import { openApiDocument } from "../openapi/document";
import { ROUTES, route } from "../openapi/registry";

export const docs = new Hono<AppEnv>();

route({
  method: "get",
  path: "/api/openapi.json",
  summary: "Tài liệu OpenAPI của mọi tuyến",
  roles: "public",
  responses: { 200: "OpenAPI 3.1" },
});
docs.get("/openapi.json", (c) => c.json(openApiDocument(new URL(c.req.url).origin)));

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

route({ method: "get", path: "/api/docs", summary: "Trang tài liệu API", roles: "public", responses: { 200: "HTML" } });
docs.get("/docs", (c) => {
  c.header("Content-Security-Policy", DOCS_CONTENT_SECURITY_POLICY);
  c.header("X-Content-Type-Options", "nosniff");
  c.header("X-Frame-Options", "DENY");
  c.header("Referrer-Policy", "same-origin");
  const rows = ROUTES.map(
    (r) =>
      html`<tr><td><code>${r.method.toUpperCase()}</code></td><td><code>${r.path}</code></td><td>${r.summary}</td><td>${r.roles === "public" ? "công khai" : r.roles.join(", ")}</td></tr>`,
  );
  return c.html(html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>API – Kế hoạch 157</title>
<link rel="stylesheet" href="/static/docs.css">
</head><body><h1>API – Kế hoạch 157/KH-UBND</h1>
<p>Xác thực: <code>Authorization: Bearer &lt;mã&gt;</code>. Mô tả máy đọc được: <a href="/api/openapi.json">/api/openapi.json</a>.</p>
<table><thead><tr><th>Phương thức</th><th>Đường dẫn</th><th>Mô tả</th><th>Vai trò</th></tr></thead><tbody>${rows}</tbody></table>
</body></html>`);
});
