// A validation report never grows with a hostile input: each severity lists the first
// REPORT_LIMITS.issues issues within REPORT_LIMITS.bytes and counts the rest in `truncated`;
// text repeated from the input is clipped; issues past the cap are counted, not built.
import { describe, expect, it } from "vitest";
import {
  type Grid,
  getTemplate,
  issue,
  planFigures,
  printAppendix,
  toReport,
  validateJsonAppendices,
  validateWorkbook,
} from "../../domain";
import { IssueCollector, MAX_ISSUE_TEXT, REPORT_LIMITS } from "../../domain/rules/issue";

const template = getTemplate("kh-157-2023")!;
const N = REPORT_LIMITS.issues;
/** The whole report's JSON can never be larger than this, whatever the input. */
const REPORT_CAP_BYTES = 2 * REPORT_LIMITS.bytes + 1024;

const keys = (n: number) => Array.from({ length: n }, (_, k) => `x${k.toString(36)}`);
const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

describe("report cap", () => {
  it("the limits are the documented ones: 200 issues per severity within 128 KiB", () => {
    expect(REPORT_LIMITS).toEqual({ issues: 200, bytes: 128 * 1024 });
    expect(MAX_ISSUE_TEXT).toBe(200);
  });

  it("half a million unknown appendices: the first 200 errors, the rest counted", () => {
    const appendices = Object.fromEntries(keys(500_000).map((k) => [k, 0]));
    const { report } = validateJsonAppendices(template, appendices);
    expect(report.valid).toBe(false);
    expect(report.errors).toHaveLength(N);
    expect(report.errors.every((e) => e.code === "APPENDIX_UNKNOWN")).toBe(true);
    expect(report.errors.map((e) => e.appendix)).toEqual(keys(N));
    expect(report.truncated).toEqual({ errors: 500_000 - N, warnings: 0 });
    expect(bytes(report)).toBeLessThan(REPORT_CAP_BYTES);
  });

  it("many unknown items, measures and periods inside an appendix are capped the same way", () => {
    const items = Object.fromEntries(keys(300_000).map((k) => [k, {}]));
    const periods = Object.fromEntries(keys(300_000).map((k) => [k, 1]));
    const measures = Object.fromEntries(keys(300_000).map((k) => [k, {}]));
    for (const [appendices, code] of [
      [{ PL01: items }, "ITEM_UNKNOWN"],
      [{ PL01: { "1": { NSTW: periods } } }, "PERIOD_UNKNOWN"],
      [{ PL02: { "1": measures } }, "MEASURE_UNKNOWN"],
    ] as const) {
      const { report } = validateJsonAppendices(template, appendices);
      expect(report.errors, code).toHaveLength(N);
      expect(report.errors[0].code).toBe(code);
      expect(report.truncated).toEqual({ errors: 300_000 - N, warnings: 0 });
      expect(bytes(report)).toBeLessThan(REPORT_CAP_BYTES);
    }
  });

  it("a megabyte-long key or value is clipped in every field of its issue", () => {
    const long = "k".repeat(1_000_000);
    const { report } = validateJsonAppendices(template, { PL01: { [long]: {}, "1": { NSTW: { "2023": long } } } });
    expect(report.errors.map((e) => e.code)).toEqual(["ITEM_UNKNOWN", "NOT_A_NUMBER"]);
    for (const e of report.errors) {
      expect(bytes(e)).toBeLessThan(2000);
      expect(e.message).toContain(`${"k".repeat(MAX_ISSUE_TEXT)}…`);
    }
    expect(report.errors[0].item).toBe(`${"k".repeat(MAX_ISSUE_TEXT)}…`);
  });

  it("the byte budget closes a list of long issues before 200 and keeps the size fixed", () => {
    const long = (k: number) => `${k}-${"é".repeat(5000)}`;
    const { report } = validateJsonAppendices(
      template,
      Object.fromEntries(Array.from({ length: 1000 }, (_, k) => [long(k), 0])),
    );
    expect(report.errors.length).toBeLessThan(N);
    expect(report.errors.length + report.truncated!.errors).toBe(1000);
    expect(bytes(report.errors)).toBeLessThanOrEqual(REPORT_LIMITS.bytes);
  });

  it("errors and warnings are capped separately, the first ones kept in order", () => {
    const issues = [
      ...Array.from({ length: 250 }, (_, k) => issue("SHEET_UNKNOWN", {}, { sheet: `S${k}` })),
      ...Array.from({ length: 210 }, (_, k) => issue("APPENDIX_UNKNOWN", { appendix: `A${k}` })),
    ];
    const report = toReport(issues);
    expect(report.warnings.map((w) => w.params.sheet)).toEqual(Array.from({ length: N }, (_, k) => `S${k}`));
    expect(report.errors).toHaveLength(N);
    expect(report.truncated).toEqual({ errors: 10, warnings: 50 });
  });

  it("past the cap an issue is counted, never built (its parameters are not even computed)", () => {
    const collector = new IssueCollector();
    let built = 0;
    for (let k = 0; k < 10_000; k++)
      collector.add("NOT_A_NUMBER", { appendix: "PL01" }, () => (built++, { value: String(k) }));
    expect(built).toBe(N);
    expect(collector.report().truncated).toEqual({ errors: 10_000 - N, warnings: 0 });
  });

  it("an ordinary report has no `truncated` field; a workbook's report is capped too", () => {
    const { report } = validateJsonAppendices(template, { PL99: {} });
    expect(Object.keys(report)).toEqual(["valid", "errors", "warnings"]);
    const sheets: Grid[] = template.appendices.map((a) =>
      printAppendix(template, a, { figures: planFigures(template) }),
    );
    // 300 extra rows with an STT no item has, before "Tổng cộng": 300 unknown rows.
    const pl01 = sheets[0];
    const total = pl01.values.findIndex((r) => r.includes("Tổng cộng"));
    const extra = Array.from({ length: 300 }, (_, k) => [
      "99",
      `Dòng lạ ${k}`,
      ...new Array(pl01.values[0].length - 2).fill(null),
    ]);
    const grids = [
      { sheet: "PL01", values: [...pl01.values.slice(0, total), ...extra, ...pl01.values.slice(total)] },
      ...sheets.slice(1),
    ];
    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toHaveLength(N);
    expect(ev.report.errors.every((e) => e.code === "ITEM_UNKNOWN")).toBe(true);
    expect(ev.report.truncated).toEqual({ errors: 100, warnings: 0 });
  });
});
