// /api/docs (issue 15, point 11): generated from the OpenAPI document, in Vietnamese and, with
// ?lang=en or the pages' lang cookie, in English; per route its method, path, summary, roles,
// parameters, body fields, answers, error codes and examples; every value escaped.
import { describe, expect, it } from "vitest";
import { word } from "../../../domain";
import "../../../worker/index";
import { openApiDocument } from "../../../worker/openapi/document";
import { docsPage } from "../../../worker/openapi/page";
import { ROUTES } from "../../../worker/openapi/registry";
import { call } from "./helpers";

type Json = Record<string, any>;

/** Text as hono/html writes it into the page. */
function escaped(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

async function page(query = "", headers: Record<string, string> = {}): Promise<string> {
  const res = await call(`/api/docs${query}`, { headers });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/html/);
  return res.text();
}

describe("GET /api/docs", () => {
  it.each(["vi", "en"] as const)("renders every route in full (%s)", async (lang) => {
    const html = await page(lang === "en" ? "?lang=en" : "");
    const doc: Json = openApiDocument("", lang);
    expect(html).toContain(`<html lang="${lang}">`);
    for (const r of ROUTES) {
      const op = doc.paths[r.path][r.method];
      const at = `${lang} ${r.method} ${r.path}`;
      const start = html.indexOf(`id="op-${op.operationId}"`);
      expect(start, at).toBeGreaterThan(0);
      const end = html.indexOf("</section>", start);
      const section = html.slice(start, end);
      expect(section, at).toContain(`>${r.method.toUpperCase()}</span> <code class="path">${r.path}</code>`);
      expect(section, at).toContain(escaped(r.summary[lang]));
      expect(section, at).toContain(`<p class="roles">${escaped(op.description)}</p>`);
      if (r.roles !== "public")
        for (const role of r.roles) expect(section, at).toContain(escaped(word("role", role, lang)));
      const label =
        lang === "vi"
          ? { name: "Tên", desc: "Mô tả", meaning: "Ý nghĩa" }
          : { name: "Name", desc: "Description", meaning: "Meaning" };
      const cell = (column: string, content: string) => `data-label="${column}">${content}</td>`;
      for (const p of op.parameters as Json[]) {
        expect(section, `${at} ${p.name}`).toContain(cell(label.name, `<code class="name">${p.name}</code>`));
        expect(section, `${at} ${p.name}`).toContain(cell(label.desc, escaped(p.description)));
      }
      const json = op.requestBody?.content?.["application/json"]?.schema;
      for (const field of Object.keys(json?.properties ?? {}))
        expect(section, `${at} body ${field}`).toContain(cell(label.name, `<code class="name">${field}</code>`));
      for (const [status, answer] of Object.entries(op.responses as Record<string, Json>)) {
        expect(section, `${at} ${status}`).toContain(cell("HTTP", `<code>${status}</code>`));
        expect(section, `${at} ${status}`).toContain(`data-label="${label.meaning}">${escaped(answer.description)}`);
        for (const code of answer["x-error-codes"] ?? []) {
          const message = answer["x-error-messages"][code];
          expect(section, `${at} ${code}`).toContain(`<code class="name">${code}</code></td>`);
          expect(section, `${at} ${code}`).toContain(`>${escaped(message)}</td>`);
        }
      }
      for (const ex of r.examples) {
        expect(section, `${at} ${ex.name}`).toContain(`<h4>${escaped(ex.title[lang])}</h4>`);
        if (ex.answer !== null && typeof ex.answer === "object") {
          expect(section, `${at} ${ex.name}`).toContain(escaped(JSON.stringify(ex.answer, null, 2)));
        }
        if (ex.body !== undefined && ex.media === undefined) {
          expect(section, `${at} ${ex.name}`).toContain(escaped(JSON.stringify(ex.body, null, 2)));
        }
      }
    }
    // The answers' schemas, linked from the answers.
    for (const name of Object.keys(doc.components.schemas)) expect(html).toContain(`id="schema-${name}"`);
    expect(html).toContain('<a href="#schema-Receipt">Receipt</a>');
  });

  it("switches language with ?lang=en, remembers it in the pages' cookie, and links the other language", async () => {
    const res = await call("/api/docs?lang=en");
    expect(res.headers.get("set-cookie")).toMatch(/^lang=en;/);
    const en = await res.text();
    expect(en).toContain('href="?lang=vi"');
    expect(en).toContain("Request body");
    expect(en).not.toContain("Nội dung gửi");
    const again = await page("", { Cookie: "lang=en" });
    expect(again).toContain('<html lang="en">');
    const vi = await page();
    expect(vi).toContain('href="?lang=en"');
    expect(vi).toContain("Nội dung gửi");
    expect(vi).toContain('href="/api/openapi.json?lang=vi"');
  });

  it("shows markup in the document as text: an example, a summary, a description", async () => {
    const doc: Json = openApiDocument("", "vi");
    const op = doc.paths["/api/units"].post;
    const markup = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    op.summary = `Tóm tắt ${markup}`;
    op.parameters.push({ name: "q<b>", in: "query", required: false, description: markup, schema: { type: "string" } });
    op.responses["200"].content["application/json"].examples["tran-de"].value.name = markup;
    op.requestBody.content["application/json"].schema.properties.name.description = markup;
    const html = String(await docsPage(doc, "vi"));
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain(escaped(JSON.stringify(markup)));
    expect(html).toContain('<code class="name">q&lt;b&gt;</code>');
  });

  it("the real page carries no markup from its values, and its own stylesheet keeps wide content in scroll boxes", async () => {
    const html = await page();
    // Examples hold quotes, ampersands and arrows (“→”, "<mã>"); none becomes markup.
    expect(html).not.toMatch(/<script|<style|\sstyle=|\son[a-z]+=/i);
    expect(html).toContain("Authorization: Bearer &lt;mã truy cập&gt;");
    const css = await (await call("/static/docs.css")).text();
    expect(css).toMatch(/pre \{[^}]*overflow: auto/);
    expect(css).toMatch(/\.scroll \{[^}]*overflow-x: auto/);
    expect(css).toMatch(/code \{[^}]*overflow-wrap: anywhere/);
    expect(html.match(/<table/g)!.length).toBe(html.match(/<div class="scroll"><table/g)!.length);
    expect(css).toMatch(/\.scroll td::before \{[^}]*content: attr\(data-label\)/);
  });
});
