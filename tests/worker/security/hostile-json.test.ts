// Hostile JSON submissions: each answered with a clear 4xx and a stable code, with
// D1 rows and R2 objects unchanged.
import { beforeAll, describe, expect, it } from "vitest";
import { call, count, countR2, freshUnits, tokenFor } from "../api/helpers";

type Case = { name: string; body: string; status: number; code: string; headers?: Record<string, string> };

let unit = "";
let otherUnit = "";
let token = "";
beforeAll(async () => {
  const { units } = await freshUnits(2);
  [unit, otherUnit] = units;
  token = await tokenFor("submitter", unit);
});

const sub = (appendices: unknown, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ template: "kh-157-2023", unit: "__UNIT__", kind: "plan", appendices, ...extra });
const cell = (v: unknown, measure = "NSTW", period = "2023", item = "1", appendix = "PL01") =>
  sub({ [appendix]: { [item]: { [measure]: { [period]: v } } } });
const raw = (text: string) => sub({}).replace('"appendices":{}', `"appendices":${text}`);

const cases: Case[] = [
  // Not JSON, or not an object
  { name: "malformed JSON", body: "{", status: 400, code: "INVALID_JSON" },
  { name: "empty body", body: "", status: 400, code: "INVALID_JSON" },
  { name: "NaN literal", body: '{"template":NaN}', status: 400, code: "INVALID_JSON" },
  {
    name: "Infinity literal",
    body: raw('{"PL01":{"1":{"NSTW":{"2023":Infinity}}}}'),
    status: 400,
    code: "INVALID_JSON",
  },
  { name: "trailing comma", body: '{"template":"kh-157-2023",}', status: 400, code: "INVALID_JSON" },
  { name: "array body", body: "[]", status: 400, code: "INVALID_REQUEST" },
  { name: "null body", body: "null", status: 400, code: "INVALID_REQUEST" },
  { name: "string body", body: '"kh-157-2023"', status: 400, code: "INVALID_REQUEST" },
  { name: "number body", body: "42", status: 400, code: "INVALID_REQUEST" },
  // Wrong types
  { name: "template is a number", body: sub({}, { template: 157 }), status: 400, code: "INVALID_REQUEST" },
  { name: "unit is an array", body: sub({}, { unit: ["951"] }), status: 400, code: "INVALID_REQUEST" },
  { name: "kind with a path", body: sub({}, { kind: "../plan" }), status: 400, code: "INVALID_REQUEST" },
  // An id-shaped kind the template does not declare (its kinds are data, issue 14).
  { name: "kind unknown", body: sub({}, { kind: "budget" }), status: 422, code: "KIND_UNKNOWN" },
  { name: "appendices is a string", body: sub("PL01"), status: 400, code: "INVALID_REQUEST" },
  { name: "appendices is null", body: sub(null), status: 400, code: "INVALID_REQUEST" },
  { name: "baseVersion negative", body: sub({}, { baseVersion: -1 }), status: 400, code: "INVALID_REQUEST" },
  { name: "baseVersion fraction", body: sub({}, { baseVersion: 1.5 }), status: 400, code: "INVALID_REQUEST" },
  { name: "baseVersion as text", body: sub({}, { baseVersion: "1" }), status: 400, code: "INVALID_REQUEST" },
  { name: "template id with a path", body: sub({}, { template: "../../etc" }), status: 400, code: "INVALID_REQUEST" },
  // Privileged or unknown fields a client must not set
  { name: "status sent by client", body: sub({}, { status: "approved" }), status: 400, code: "INVALID_REQUEST" },
  { name: "version sent by client", body: sub({}, { version: 99 }), status: 400, code: "INVALID_REQUEST" },
  { name: "sha256 sent by client", body: sub({}, { sha256: "0".repeat(64) }), status: 400, code: "INVALID_REQUEST" },
  { name: "id sent by client", body: sub({}, { id: "x" }), status: 400, code: "INVALID_REQUEST" },
  { name: "createdBy sent by client", body: sub({}, { createdBy: "admin-env" }), status: 400, code: "INVALID_REQUEST" },
  { name: "role sent by client", body: sub({}, { role: "admin" }), status: 400, code: "INVALID_REQUEST" },
  // Values
  {
    name: "1e309 overflows to Infinity",
    body: cell(1e309).replace("Infinity", "1e309").replace('"2023":null', '"2023":1e309'),
    status: 422,
    code: "NOT_A_NUMBER",
  },
  {
    name: "20-digit number",
    body: cell(0).replace('"2023":0', '"2023":12345678901234567890'),
    status: 422,
    code: "TOO_LARGE",
  },
  { name: "20-digit money string", body: cell("12345678901234567890"), status: 422, code: "TOO_LARGE" },
  { name: "4-decimal money", body: cell("403.3051"), status: 422, code: "TOO_MANY_DECIMALS" },
  { name: "4-decimal money as number", body: cell(403.3051), status: 422, code: "TOO_MANY_DECIMALS" },
  { name: "ambiguous 1.234 as a quantity", body: cell("1.234", "quantity"), status: 422, code: "NOT_INTEGER" },
  { name: "vi-VN comma in JSON money", body: cell("403,305"), status: 422, code: "NOT_A_NUMBER" },
  { name: "exponent in JSON money", body: cell("1e3"), status: 422, code: "NOT_A_NUMBER" },
  { name: "hex in JSON money", body: cell("0x10"), status: 422, code: "NOT_A_NUMBER" },
  { name: "negative money", body: cell("-5"), status: 422, code: "NEGATIVE" },
  { name: "negative quantity", body: cell(-1, "quantity"), status: 422, code: "NEGATIVE" },
  { name: "fractional quantity", body: cell(1.5, "quantity"), status: 422, code: "NOT_INTEGER" },
  { name: "boolean value", body: cell(true), status: 422, code: "NOT_A_NUMBER" },
  { name: "object value", body: cell({ value: 1 }), status: 422, code: "NOT_A_NUMBER" },
  { name: "array value", body: cell([1]), status: 422, code: "NOT_A_NUMBER" },
  { name: "empty string value", body: cell(""), status: 422, code: "NOT_A_NUMBER" },
  { name: "formula text as a value", body: cell("=1+2"), status: 422, code: "NOT_A_NUMBER" },
  { name: "absurd quantity", body: cell(1e12, "quantity"), status: 422, code: "TOO_LARGE" },
  // Structure
  { name: "unknown appendix", body: sub({ PL99: {} }), status: 422, code: "APPENDIX_UNKNOWN" },
  { name: "__proto__ appendix", body: raw('{"__proto__":{"1":{}}}'), status: 400, code: "INVALID_REQUEST" },
  {
    name: "__proto__ at the top",
    body: '{"__proto__":{"role":"admin"},"template":"kh-157-2023"}',
    status: 400,
    code: "INVALID_REQUEST",
  },
  { name: "unknown item", body: cell(1, "NSTW", "2023", "9"), status: 422, code: "ITEM_UNKNOWN" },
  { name: "constructor item", body: cell(1, "NSTW", "2023", "constructor"), status: 422, code: "ITEM_UNKNOWN" },
  { name: "unknown measure", body: cell(1, "NSDT"), status: 422, code: "MEASURE_UNKNOWN" },
  { name: "unknown period", body: cell(1, "NSTW", "2026"), status: 422, code: "PERIOD_UNKNOWN" },
  {
    name: "quantity on an item without one",
    body: cell(2, "quantity", "2023", "3", "PL03"),
    status: 422,
    code: "MEASURE_NOT_APPLICABLE",
  },
  {
    name: "phase total disagrees",
    body: sub({ PL02: { "1": { quantity: { "2023": 1, total: 5 } } } }),
    status: 422,
    code: "PERIOD_TOTAL_MISMATCH",
  },
  {
    name: "grand total disagrees",
    body: sub({ PL02: { "1": { quantity: { "2023": 1 } }, total: { quantity: { "2023": 2 } } } }),
    status: 422,
    code: "GRAND_TOTAL_MISMATCH",
  },
  {
    name: "ten thousand unknown items",
    body: sub({ PL01: Object.fromEntries(Array.from({ length: 10_000 }, (_, k) => [`x${k}`, {}])) }),
    status: 422,
    code: "ITEM_UNKNOWN",
  },
  {
    name: "deeply nested value",
    body: cell(JSON.parse("[".repeat(2000) + "]".repeat(2000))),
    status: 422,
    code: "NOT_A_NUMBER",
  },
  { name: "unknown template", body: sub({}, { template: "kh-999" }), status: 422, code: "TEMPLATE_NOT_FOUND" },
  { name: "unknown unit", body: sub({}, { unit: "999" }), status: 422, code: "UNIT_UNKNOWN" },
  { name: "another unit", body: sub({}, { unit: "__OTHER__" }), status: 403, code: "UNIT_FORBIDDEN" },
  // Transport
  {
    name: "text/plain body",
    body: sub({}),
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    headers: { "Content-Type": "text/plain" },
  },
  {
    name: "no content type",
    body: sub({}),
    status: 415,
    code: "UNSUPPORTED_MEDIA_TYPE",
    headers: { "Content-Type": "" },
  },
  {
    name: "idempotency key with spaces",
    body: sub({}),
    status: 400,
    code: "INVALID_IDEMPOTENCY_KEY",
    headers: { "Idempotency-Key": "a b" },
  },
  {
    name: "idempotency key too long",
    body: sub({}),
    status: 400,
    code: "INVALID_IDEMPOTENCY_KEY",
    headers: { "Idempotency-Key": "k".repeat(200) },
  },
  { name: "oversize body", body: " ".repeat(6 * 1024 * 1024) + sub({}), status: 413, code: "PAYLOAD_TOO_LARGE" },
];

describe("hostile JSON submissions", () => {
  it("the corpus is large enough", () => expect(cases.length).toBeGreaterThanOrEqual(55));

  it.each(cases)("$name → $status $code, nothing stored", async ({ body, status, code, headers }) => {
    const before = [await count("snapshots"), await count("audit"), await countR2()];
    const res = await call("/api/submissions", {
      token,
      body: body.replaceAll("__UNIT__", unit).replaceAll("__OTHER__", otherUnit),
      headers: { "Content-Type": "application/json", ...headers },
    });
    const text = await res.text();
    expect(res.status, text.slice(0, 300)).toBe(status);
    const parsed = JSON.parse(text) as { errors: { code: string; message: string }[] };
    expect(
      parsed.errors.map((e) => e.code),
      text.slice(0, 300),
    ).toContain(code);
    expect(parsed.errors.every((e) => typeof e.message === "string" && e.message.length > 5)).toBe(true);
    expect(text).not.toMatch(/at .*\.(ts|js):\d+/);
    expect([await count("snapshots"), await count("audit"), await countR2()]).toEqual(before);
  });

  it("invalid UTF-8 inside the JSON is answered 4xx, nothing stored", async () => {
    const before = [await count("snapshots"), await count("audit")];
    const json = sub({ PL01: {} }).replaceAll("__UNIT__", unit);
    const text = new TextEncoder().encode(json);
    const at = json.indexOf("PL01") + 3; // all ASCII before it: string index = byte index
    const bytes = new Uint8Array([...text.slice(0, at), 0xff, 0xfe, ...text.slice(at)]);
    const res = await call("/api/submissions", { token, body: bytes, headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { code: string }[] }).errors[0].code).toBe("APPENDIX_UNKNOWN");
    expect([await count("snapshots"), await count("audit")]).toEqual(before);
  });

  it("decomposed Unicode and legacy-encoded text in keys are not taken for known names", async () => {
    for (const key of ["PL0\u0031\u0301", "Tæng céng"]) {
      const res = await call("/api/submissions?dryRun=true", {
        token,
        body: raw(`{"${key}":{}}`).replaceAll("__UNIT__", unit),
        headers: { "Content-Type": "application/json" },
      });
      expect(res.status, key).toBe(422);
    }
  });

  it("-0 is read as zero, not refused and not negative", async () => {
    const res = await call("/api/submissions?dryRun=true", {
      token,
      body: cell(-0, "quantity").replace('"2023":0', '"2023":-0').replaceAll("__UNIT__", unit),
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(200);
  });
});
