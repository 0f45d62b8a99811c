// /api/docs: the OpenAPI document (document.ts) as a page a person reads, in Vietnamese or
// English. Everything on it comes from the document: per route its method, path, summary,
// roles, parameters, body fields, answers, error codes and examples (pretty-printed JSON), then
// the answers' schemas. Plain HTML through hono/html, which escapes every value; no script, no
// inline style (the stylesheet is /static/docs.css).
import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { Language } from "../../domain";

type Json = Record<string, any>;
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const TEXT = {
  vi: {
    title: "API – Kế hoạch 157/KH-UBND",
    switchTo: "English",
    switchLang: "en",
    auth: "Xác thực",
    authText: "Authorization: Bearer <mã truy cập>",
    machine: "Mô tả máy đọc được (OpenAPI 3.1)",
    contents: "Các tuyến",
    params: "Tham số",
    name: "Tên",
    where: "Vị trí",
    type: "Kiểu",
    required: "Bắt buộc",
    description: "Mô tả",
    yes: "có",
    no: "không",
    body: "Nội dung gửi",
    media: "Kiểu nội dung",
    responses: "Trả lời",
    status: "HTTP",
    meaning: "Ý nghĩa",
    content: "Nội dung",
    errors: "Mã lỗi",
    code: "Mã",
    message: "Thông báo (tham số trong {…})",
    examples: "Ví dụ",
    request: "Yêu cầu",
    answer: "Trả lời",
    schemas: "Cấu trúc các câu trả lời",
    none: "Không có.",
    file: "tệp nhị phân",
    default: "mặc định",
    chars: "ký tự",
    items: "phần tử",
    in: { path: "đường dẫn", query: "query", header: "header" } as Record<string, string>,
  },
  en: {
    title: "API – Plan 157/KH-UBND",
    switchTo: "Tiếng Việt",
    switchLang: "vi",
    auth: "Authentication",
    authText: "Authorization: Bearer <access token>",
    machine: "Machine-readable description (OpenAPI 3.1)",
    contents: "Routes",
    params: "Parameters",
    name: "Name",
    where: "In",
    type: "Type",
    required: "Required",
    description: "Description",
    yes: "yes",
    no: "no",
    body: "Request body",
    media: "Media type",
    responses: "Answers",
    status: "HTTP",
    meaning: "Meaning",
    content: "Content",
    errors: "Error codes",
    code: "Code",
    message: "Message (parameters in {…})",
    examples: "Examples",
    request: "Request",
    answer: "Answer",
    schemas: "Schemas of the answers",
    none: "None.",
    file: "binary file",
    default: "default",
    chars: "characters",
    items: "items",
    in: { path: "path", query: "query", header: "header" } as Record<string, string>,
  },
};

type Text = (typeof TEXT)["vi"];

const SCHEMAS = "#/components/schemas/";

function anchor(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "-");
}

/** A JSON Schema's type in a few words, with links to named schemas. */
function typeOf(s: Json | undefined): Html {
  if (!s || typeof s !== "object") return html`any`;
  if (typeof s.$ref === "string" && s.$ref.startsWith(SCHEMAS)) {
    const name = s.$ref.slice(SCHEMAS.length);
    return html`<a href="#schema-${anchor(name)}">${name}</a>`;
  }
  const union = s.anyOf ?? s.oneOf;
  if (Array.isArray(union))
    return join(
      union.map((u: Json) => typeOf(u)),
      " | ",
    );
  if (s.const !== undefined) return html`${JSON.stringify(s.const)}`;
  if (Array.isArray(s.enum)) return html`${s.enum.map((v: unknown) => JSON.stringify(v)).join(" | ")}`;
  const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  if (types.includes("array")) {
    const rest = types.filter((t) => t !== "array");
    const items = Array.isArray(s.prefixItems) && !s.prefixItems.length ? html`[]` : html`${typeOf(s.items)}[]`;
    return rest.length ? html`${items} | ${rest.join(" | ")}` : items;
  }
  const base = types.length ? types.join(" | ") : "any";
  return s.format ? html`${base} (${s.format})` : html`${base}`;
}

function join(parts: Html[], separator: string): Html {
  return html`${parts.map((p, i) => (i ? html`${separator}${p}` : p))}`;
}

/** Limits and default of a schema, in words. */
function limits(s: Json | undefined, t: Text): string {
  if (!s || typeof s !== "object") return "";
  const out: string[] = [];
  const range = (min: unknown, max: unknown, unit = "") =>
    min !== undefined || max !== undefined ? `${min ?? ""}–${max ?? ""}${unit}` : "";
  const safe = (n: unknown) => (typeof n === "number" && Math.abs(n) < 9_000_000_000_000_000 ? n : undefined);
  const numbers = range(safe(s.minimum), safe(s.maximum));
  if (numbers) out.push(numbers);
  const length = range(s.minLength, s.maxLength, ` ${t.chars}`);
  if (length) out.push(length);
  const items = range(s.minItems, s.maxItems, ` ${t.items}`);
  if (items) out.push(items);
  if (s.pattern && !s.format) out.push(s.pattern);
  if (s.default !== undefined) out.push(`${t.default}: ${JSON.stringify(s.default)}`);
  return out.join("; ");
}

function typeCell(s: Json | undefined, t: Text): Html {
  const more = limits(s, t);
  return html`<code>${typeOf(s)}</code>${more ? html`<br><small>${more}</small>` : ""}`;
}

/** A table whose cells carry their column's name (data-label): on a phone the stylesheet stacks rows into cards. */
function table(head: string[], rows: Html[][]): Html {
  const th = head.map((h) => html`<th>${h}</th>`);
  const body = rows.map(
    (cells) => html`<tr>${cells.map((cell, k) => html`<td data-label="${head[k]}">${cell}</td>`)}</tr>`,
  );
  return html`<div class="scroll"><table><thead><tr>${th}</tr></thead><tbody>${body}</tbody></table></div>`;
}

function fieldsTable(schema: Json | undefined, t: Text): Html {
  const props = (schema?.properties ?? {}) as Record<string, Json>;
  const required = new Set<string>(schema?.required ?? []);
  const rows = Object.entries(props).map(([name, p]) => [
    html`<code class="name">${name}</code>`,
    typeCell(p, t),
    html`${required.has(name) ? t.yes : t.no}`,
    html`${p.description ?? ""}`,
  ]);
  if (!rows.length) return html`<p>${typeCell(schema, t)} ${schema?.description ?? ""}</p>`;
  return table([t.name, t.type, t.required, t.description], rows);
}

function pretty(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value, null, 2);
}

interface ExampleView {
  name: string;
  summary: string;
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, unknown>;
  body?: { media: string; value?: unknown; description?: string };
  answers: { status: string; media: string; value?: unknown; description?: string }[];
}

/** The examples of an operation, tied together by name. */
function examplesOf(op: Json): ExampleView[] {
  const views = new Map<string, ExampleView>();
  const view = (name: string, summary?: string) => {
    let v = views.get(name);
    if (!v) views.set(name, (v = { name, summary: summary ?? name, path: {}, query: {}, headers: {}, answers: [] }));
    if (summary) v.summary = summary;
    return v;
  };
  for (const [status, answer] of Object.entries((op.responses ?? {}) as Record<string, Json>)) {
    for (const [media, content] of Object.entries((answer.content ?? {}) as Record<string, Json>)) {
      for (const [name, ex] of Object.entries((content.examples ?? {}) as Record<string, Json>))
        view(name, ex.summary).answers.push({ status, media, value: ex.value, description: ex.description });
    }
  }
  for (const p of (op.parameters ?? []) as Json[]) {
    for (const [name, ex] of Object.entries((p.examples ?? {}) as Record<string, Json>)) {
      const v = view(name);
      const where = p.in === "path" ? v.path : p.in === "query" ? v.query : v.headers;
      where[p.name] = ex.value;
    }
  }
  for (const [media, content] of Object.entries((op.requestBody?.content ?? {}) as Record<string, Json>)) {
    for (const [name, ex] of Object.entries((content.examples ?? {}) as Record<string, Json>))
      view(name).body = { media, value: ex.value, description: ex.description };
  }
  return [...views.values()];
}

function requestText(method: string, path: string, op: Json, ex: ExampleView, t: Text): string {
  const url =
    path.replace(/\{(\w+)\}/g, (whole, name: string) => String(ex.path[name] ?? whole)) +
    (Object.keys(ex.query).length
      ? "?" +
        Object.entries(ex.query)
          .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
          .join("&")
      : "");
  const lines = [`${method.toUpperCase()} ${url}`];
  if ((op.security ?? []).length) lines.push(t.authText);
  for (const [k, v] of Object.entries(ex.headers)) lines.push(`${k}: ${String(v)}`);
  if (ex.body) {
    lines.push(`Content-Type: ${ex.body.media}`, "");
    lines.push(ex.body.value !== undefined ? pretty(ex.body.value) : `(${t.file}: ${ex.body.description ?? ""})`);
  }
  return lines.join("\n");
}

function answerText(a: ExampleView["answers"][number], t: Text): string {
  const head = `HTTP ${a.status}${a.media === "application/json" ? "" : `\nContent-Type: ${a.media}`}`;
  const body = a.value !== undefined ? pretty(a.value) : `(${t.file}${a.description ? `: ${a.description}` : ""})`;
  return `${head}\n\n${body}`;
}

function operationSection(path: string, method: string, op: Json, t: Text): Html {
  const params = (op.parameters ?? []) as Json[];
  const paramRows = params.map((p) => [
    html`<code class="name">${p.name}</code>`,
    html`${t.in[p.in] ?? p.in}`,
    typeCell(p.schema, t),
    html`${p.required ? t.yes : t.no}`,
    html`${p.description ?? ""}`,
  ]);
  const bodies = Object.entries((op.requestBody?.content ?? {}) as Record<string, Json>).map(
    ([media, content]) => html`<h4><code>${media}</code></h4>${fieldsTable(content.schema, t)}`,
  );
  const responses = Object.entries((op.responses ?? {}) as Record<string, Json>);
  const answerRows = responses.map(([status, a]) => {
    const contents = Object.entries((a.content ?? {}) as Record<string, Json>).map(
      ([media, c]) => html`<div><code>${media}</code>: <code>${typeOf(c.schema)}</code></div>`,
    );
    const headers = Object.entries((a.headers ?? {}) as Record<string, Json>).map(
      ([name, h]) => html`<div><code>${name}</code>: ${h.description ?? ""}</div>`,
    );
    return [html`<code>${status}</code>`, html`${a.description ?? ""}${headers}`, html`${contents}`];
  });
  const codeRows = responses.flatMap(([status, a]) =>
    ((a["x-error-codes"] ?? []) as string[]).map((code) => [
      html`<code>${status}</code>`,
      html`<code class="name">${code}</code>`,
      html`${a["x-error-messages"]?.[code] ?? ""}`,
    ]),
  );
  const examples = examplesOf(op).map(
    (ex) =>
      html`<div class="example"><h4>${ex.summary}</h4><p class="label">${t.request}</p><pre><code>${requestText(method, path, op, ex, t)}</code></pre>${ex.answers.map(
        (a) => html`<p class="label">${t.answer}</p><pre><code>${answerText(a, t)}</code></pre>`,
      )}</div>`,
  );
  const id = `op-${anchor(op.operationId ?? `${method}${path}`)}`;
  return html`<section class="route" id="${id}">
<h2><span class="method ${method}">${method.toUpperCase()}</span> <code class="path">${path}</code></h2>
<p class="summary">${op.summary ?? ""}</p>
<p class="roles">${op.description ?? ""}</p>
<h3>${t.params}</h3>
${paramRows.length ? table([t.name, t.where, t.type, t.required, t.description], paramRows) : html`<p>${t.none}</p>`}
<h3>${t.body}</h3>
${bodies.length ? bodies : html`<p>${t.none}</p>`}
<h3>${t.responses}</h3>
${table([t.status, t.meaning, t.content], answerRows)}
<h3>${t.errors}</h3>
${codeRows.length ? table([t.status, t.code, t.message], codeRows) : html`<p>${t.none}</p>`}
<h3>${t.examples}</h3>
${examples}
</section>`;
}

/** The docs page of an OpenAPI document, in the document's language. */
export function docsPage(doc: Json, lang: Language): Html {
  const t = TEXT[lang];
  const operations = Object.entries((doc.paths ?? {}) as Record<string, Record<string, Json>>).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ path, method, op })),
  );
  const tags = ((doc.tags ?? []) as Json[]).filter((tag) => operations.some(({ op }) => op.tags?.[0] === tag.name));
  const toc = tags.map((tag) => {
    const items = operations
      .filter(({ op }) => op.tags?.[0] === tag.name)
      .map(
        ({ path, method, op }) =>
          html`<li><a href="#op-${anchor(op.operationId ?? `${method}${path}`)}"><code>${method.toUpperCase()} ${path}</code></a> – ${op.summary ?? ""}</li>`,
      );
    return html`<h3>${tag.description ?? tag.name}</h3><ul>${items}</ul>`;
  });
  const schemas = Object.entries((doc.components?.schemas ?? {}) as Record<string, Json>).map(
    ([name, s]) =>
      html`<section class="schema" id="schema-${anchor(name)}"><h3><code>${name}</code></h3>${s.description ? html`<p>${s.description}</p>` : ""}${fieldsTable(s, t)}</section>`,
  );
  const other = t.switchLang;
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${t.title}</title>
<link rel="stylesheet" href="/static/docs.css">
</head><body>
<header class="top"><h1>${t.title}</h1><a class="lang" href="?lang=${other}" hreflang="${other}" lang="${other}">${t.switchTo}</a></header>
<main>
<p class="lead">${doc.info?.description ?? ""}</p>
<p><strong>${t.auth}:</strong> <code>${t.authText}</code>. ${t.machine}: <a href="/api/openapi.json?lang=${lang}">/api/openapi.json?lang=${lang}</a>.</p>
<nav class="toc" aria-labelledby="toc-title"><h2 id="toc-title">${t.contents}</h2>${toc}</nav>
${operations.map(({ path, method, op }) => operationSection(path, method, op, t))}
<h2 id="schemas">${t.schemas}</h2>
${schemas}
</main>
</body></html>`;
}
