// "A report larger than the request": bodies full of unknown keys are answered with a report
// (or a 400) of a fixed maximum size, listing the first issues and counting the rest, with
// the existing status and a stable code, and nothing stored.
import { beforeAll, describe, expect, it } from "vitest";
import { getTemplate, planFigures, printAppendix } from "../../../domain";
import { REPORT_LIMITS } from "../../../domain/rules/issue";
import { MAX_BODY_BYTES, MAX_JSON_BYTES } from "../../../worker/limits";
import { writeXlsx } from "../../../worker/xlsx";
import { ADMIN, call, count, countR2, freshUnits, tokenFor } from "../api/helpers";
import { html, request, signIn, textOf } from "../../pages/workerd/page-client";

const N = REPORT_LIMITS.issues;
/** Whatever the input, a 422 report is at most both lists' byte budgets plus its frame. */
const REPORT_CAP_BYTES = 2 * REPORT_LIMITS.bytes + 1024;
/** A refused shape (400) names a few fields, never all of them. */
const REFUSAL_CAP_BYTES = 4 * 1024;

let unit = "";
let token = "";
beforeAll(async () => {
  [unit] = (await freshUnits(1)).units;
  token = await tokenFor("submitter", unit);
});

/** `{"x0":V,"x1":V,…}` with n keys, as text (the cases keep under the JSON body limit). */
const manyKeys = (n: number, value = "0", key = (k: number) => `x${k.toString(36)}`) => {
  const parts: string[] = [];
  for (let k = 0; k < n; k++) parts.push(`"${key(k)}":${value}`);
  return `{${parts.join(",")}}`;
};
const body = (appendices: string, extra = "") =>
  `{"template":"kh-157-2023","unit":"${unit}","kind":"plan"${extra},"appendices":${appendices}}`;

async function post(text: string) {
  const before = [await count("snapshots"), await count("audit"), await countR2()];
  const res = await call("/api/submissions", { token, body: text, headers: { "Content-Type": "application/json" } });
  const answer = await res.text();
  expect([await count("snapshots"), await count("audit"), await countR2()], "nothing stored").toEqual(before);
  return {
    status: res.status,
    size: new TextEncoder().encode(answer).length,
    json: JSON.parse(answer) as Record<string, any>,
  };
}

describe("report cap over HTTP", () => {
  it.each([
    { name: "25,000 unknown appendices", make: () => body(manyKeys(25_000)), code: "APPENDIX_UNKNOWN", total: 25_000 },
    {
      name: "20,000 unknown items in PL01",
      make: () => body(`{"PL01":${manyKeys(20_000, "{}")}}`),
      code: "ITEM_UNKNOWN",
      total: 20_000,
    },
    {
      name: "20,000 unknown periods in one cell",
      make: () => body(`{"PL01":{"1":{"NSTW":${manyKeys(20_000, "1")}}}}`),
      code: "PERIOD_UNKNOWN",
      total: 20_000,
    },
  ])("$name → 422 $code: the first 200 listed, the rest counted, a bounded body", async ({ make, code, total }) => {
    const text = make();
    expect(text.length).toBeLessThan(MAX_JSON_BYTES);
    const { status, size, json } = await post(text);
    expect(status).toBe(422);
    expect(json.valid).toBe(false);
    expect(json.errors).toHaveLength(N);
    expect(json.errors.every((e: { code: string }) => e.code === code)).toBe(true);
    expect(json.truncated).toEqual({ errors: total - N, warnings: 0 });
    expect(size).toBeLessThan(REPORT_CAP_BYTES);
  });

  it("a JSON body over the limit (300,000 unknown keys) → 413 before any of it is parsed", async () => {
    const text = body(manyKeys(300_000));
    // Over the JSON limit, under the body limit of every /api/* request (which would answer first).
    expect([text.length > MAX_JSON_BYTES, text.length < MAX_BODY_BYTES]).toEqual([true, true]);
    const { status, json } = await post(text);
    expect(status).toBe(413);
    expect(json.errors[0]).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      limit: MAX_JSON_BYTES,
      params: { limit: "256 KiB" },
    });
  });

  it("20,000 unknown top-level fields → 400 INVALID_REQUEST naming a few of them", async () => {
    const fields = manyKeys(20_000).slice(1, -1);
    const { status, size, json } = await post(body("{}", `,${fields}`));
    expect(status).toBe(400);
    expect(json.errors[0].code).toBe("INVALID_REQUEST");
    expect(json.errors[0].fields).toHaveLength(1);
    expect(json.errors[0].fields[0].message).toMatch(
      /^20000 trường không được phép: "x0", "x1", "x2", "x3", "x4" … \(\+19995\)$/,
    );
    expect(size).toBeLessThan(REFUSAL_CAP_BYTES);
  });

  it("3,000 appendix keys over 64 characters → one 400 INVALID_REQUEST, not one per key", async () => {
    const { status, size, json } = await post(
      body(manyKeys(3_000, "0", (k) => `${"P".repeat(60)}${k.toString(36).padStart(5, "0")}`)),
    );
    expect(status).toBe(400);
    expect(json.errors[0].code).toBe("INVALID_REQUEST");
    expect(json.errors[0].fields).toHaveLength(1);
    expect(json.errors[0].fields[0]).toMatchObject({
      path: "appendices",
      message: expect.stringMatching(/^3000 khóa phụ lục dài quá 64 ký tự: /),
    });
    expect(size).toBeLessThan(REFUSAL_CAP_BYTES);
  });

  it("every other strict body: unknown fields or a huge list of bad ids answer one short 400", async () => {
    const reviewer = await tokenFor("reviewer");
    const unknown = manyKeys(20_000).slice(1, -1);
    const badIds = `[${Array.from({ length: 50_000 }, () => '"/"').join(",")}]`;
    for (const [path, who, text] of [
      ["/api/locks", reviewer, `{"template":"kh-157-2023","kind":"plan","period":"2023",${unknown}}`],
      ["/api/consolidated/publish", reviewer, `{${unknown}}`],
      ["/api/admin/tokens", ADMIN, `{"role":"leader",${unknown}}`],
      ["/api/admin/expected-units", ADMIN, `{"template":"kh-157-2023","units":${badIds}}`],
    ] as const) {
      const res = await call(path, { token: who, body: text, headers: { "Content-Type": "application/json" } });
      const answer = await res.text();
      expect(res.status, path).toBe(400);
      expect(JSON.parse(answer).errors[0].code).toBe("INVALID_REQUEST");
      expect(new TextEncoder().encode(answer).length, path).toBeLessThan(REFUSAL_CAP_BYTES);
    }
  });

  it("the district page lists the first errors of an upload and says how many more there are", async () => {
    const template = getTemplate("kh-157-2023")!;
    const sheets = template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template) }));
    const pl01 = sheets[0];
    // 300 rows with an STT no item has, before "Tổng cộng": 300 ITEM_UNKNOWN errors.
    const extra = Array.from({ length: 300 }, (_, k) => [
      "99",
      `Dòng lạ ${k}`,
      ...new Array(pl01.values[0].length - 2).fill(null),
    ]);
    pl01.values.splice(pl01.totalRow, 0, ...extra);
    pl01.formulas.splice(pl01.totalRow, 0, ...extra.map((r) => r.map(() => null)));
    const bytes = new Uint8Array(writeXlsx(sheets));
    const form = new FormData();
    form.set("template", "kh-157-2023");
    form.set("unit", unit);
    form.set("kind", "plan");
    form.set(
      "file",
      new File([bytes], "nhieu-loi.xlsx", {
        type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      }),
    );
    const cookie = await signIn(token);
    const before = [await count("snapshots"), await countR2()];
    const page = await html(await request(`/district/upload?key=${crypto.randomUUID()}`, { cookie, form }), 422);
    const text = textOf(page);
    expect(text).toContain("Báo cáo chưa được nhận: 300 lỗi");
    expect(text).toContain("… và 100 lỗi khác");
    expect(page.match(/ITEM_UNKNOWN/g)).toHaveLength(N);
    expect([await count("snapshots"), await countR2()]).toEqual(before);
  });
});
