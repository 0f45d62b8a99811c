// Issue 14: JSON stored in D1 is parsed in one place per kind (worker/db/stored.ts). A stored
// template goes through checkTemplate the first time an isolate reads it and is trusted after;
// a row that is not what the Worker wrote is an error, never a value read as if it were valid.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { getTemplate } from "../../domain";
import {
  parseReview,
  parseSubmission,
  parseTemplateDefinition,
  parseWarnings,
  StoredDataError,
} from "../../worker/db/stored";
import { storedTemplate } from "../../worker/db/templates";
import { call } from "./api/helpers";

describe("stored JSON", () => {
  it("a stored template is checked once, then the same checked value is reused", () => {
    const text = JSON.stringify({ ...getTemplate("kh-157-2023")!, id: "kh-stored-once" });
    const first = parseTemplateDefinition(text);
    expect(first.id).toBe("kh-stored-once");
    expect(parseTemplateDefinition(text)).toBe(first);
  });

  it("a stored template that fails checkTemplate is refused, not trusted", () => {
    const base = getTemplate("kh-157-2023")!;
    const noTotal = { ...base, id: "kh-stored-broken", periods: base.periods.map((p) => ({ ...p, total: false })) };
    expect(() => parseTemplateDefinition(JSON.stringify(noTotal))).toThrow(StoredDataError);
    expect(() => parseTemplateDefinition("{")).toThrow(/not JSON/);
  });

  it("a template row written around the admin route is not served as a template", async () => {
    const base = getTemplate("kh-157-2023")!;
    const id = `kh-raw-${Date.now().toString(36)}`;
    const broken = { ...base, id, kinds: [] };
    await env.DB.prepare(
      "INSERT INTO templates (id, version, definition, sha256, created_at, created_by) VALUES (?, 1, ?, 'x', '2026-01-01T00:00:00Z', 'test')",
    )
      .bind(id, JSON.stringify(broken))
      .run();
    await expect(storedTemplate(env.DB, id)).rejects.toThrow(StoredDataError);
    const res = await call(`/api/templates/${id}`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain(base.appendices[0].title);
  });

  it("submissions, warnings and reviews are checked for the shape the Worker writes", () => {
    expect(parseSubmission('{"template":"t","templateVersion":2,"unit":"u","kind":"k","appendices":{}}')).toEqual({
      template: "t",
      templateVersion: 2,
      unit: "u",
      kind: "k",
      appendices: {},
    });
    expect(() => parseSubmission('{"template":"t","unit":"u","kind":"k"}')).toThrow(StoredDataError);
    expect(parseWarnings("[]")).toEqual([]);
    expect(() => parseWarnings('{"code":"X"}')).toThrow(StoredDataError);
    expect(parseReview('{"decision":"approved","at":"2026-01-01","comment":""}')).toEqual({
      decision: "approved",
      at: "2026-01-01",
      comment: "",
    });
    expect(() => parseReview('{"decision":"maybe","at":"2026-01-01","comment":""}')).toThrow(StoredDataError);
  });
});
