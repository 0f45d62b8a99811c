// One planted mistake per case, on a clean printed workbook or canonical JSON: the issue must
// come with its code on the very cell that was changed. Names starting with "error." must make
// the submission invalid; "warning." ones must leave it valid and only warn.
import { describe, expect, it } from "vitest";
import { type Evaluation, type Grid, type IssueCode, validateJsonAppendices, validateWorkbook } from "../../domain";
import { cloneTree, expectedTree, rebalance, treeToJson, type Tree } from "./support/fixture";
import { ref } from "./support/exact";
import { columnOf, plant, printedGrids, rowOf, sheet, template } from "./support/grids";

interface Expectation {
  code: IssueCode;
  /** The planted cell ("PL01!H8"), or null where the mistake has no cell (a missing sheet). */
  cell: string | null;
  appendix?: string | null;
  item?: string | null;
  measure?: string | null;
  period?: string | null;
}

interface Case {
  name: string;
  /** Plants the mistake and answers where it was planted. */
  build: () => { grids: Grid[]; expect: Expectation };
}

const clean = () => printedGrids(expectedTree());

/** Figures changed in the fixture's tree, totals recomputed by the test, then printed. */
function printedWith(change: (t: Tree) => void): Grid[] {
  const t = cloneTree(expectedTree());
  change(t);
  return printedGrids(rebalance(t));
}

/** A value planted into one figure cell of the clean workbook. */
function value(
  appendix: string,
  item: string,
  measure: "quantity" | "NSTW" | "NSDP",
  period: string,
  v: Grid["values"][0][0],
  code: IssueCode,
): Case["build"] {
  return () => {
    const grids = clean();
    const cell = plant(grids, appendix, item, measure, period, v);
    return { grids, expect: { code, cell, appendix, item, measure, period } };
  };
}

/** A label planted into an item's label cell (column B in every appendix). */
function label(appendix: string, item: string, text: string, code: IssueCode): Case["build"] {
  return () => {
    const grids = clean();
    const g = sheet(grids, appendix);
    const r = rowOf(g, item);
    g.values[r][1] = text;
    return { grids, expect: { code, cell: ref(appendix, r, 1), appendix, item } };
  };
}

const gridCases: Case[] = [
  // Arithmetic
  { name: "error.phase-total-wrong", build: value("PL01", "1", "NSTW", "total", 1209.916, "PERIOD_TOTAL_MISMATCH") },
  {
    name: "error.phase-total-quantity-wrong",
    build: value("PL03", "2", "quantity", "total", 4, "PERIOD_TOTAL_MISMATCH"),
  },
  { name: "error.grand-total-wrong", build: value("PL01", "total", "NSTW", "2023", 1307.02, "GRAND_TOTAL_MISMATCH") },
  {
    name: "error.grand-total-quantity-wrong",
    build: value("PL01", "total", "quantity", "total", 826, "GRAND_TOTAL_MISMATCH"),
  },
  {
    name: "error.grand-total-phase-wrong",
    build: value("PL03", "total", "NSTW", "total", 135.43, "GRAND_TOTAL_MISMATCH"),
  },
  // Values
  { name: "error.negative-quantity", build: value("PL02", "1", "quantity", "2023", -200, "NEGATIVE") },
  { name: "error.negative-money-in-parentheses", build: value("PL03", "1", "NSTW", "2024", "(12,15)", "NEGATIVE") },
  { name: "error.fractional-quantity", build: value("PL01", "2", "quantity", "2024", 88.5, "NOT_INTEGER") },
  { name: "error.money-4-decimals", build: value("PL01", "3", "NSTW", "2025", 866.8001, "TOO_MANY_DECIMALS") },
  {
    name: "error.money-4-decimals-as-text",
    build: value("PL02", "1", "NSTW", "2024", "160,0001", "TOO_MANY_DECIMALS"),
  },
  { name: "error.text-not-a-number", build: value("PL01", "1", "NSTW", "2023", "bốn trăm lẻ ba", "NOT_A_NUMBER") },
  { name: "error.boolean-cell", build: value("PL01", "2", "NSTW", "2023", true, "NOT_A_NUMBER") },
  { name: "error.ambiguous-1.234", build: value("PL01", "1", "quantity", "2023", "1.234", "AMBIGUOUS_NUMBER") },
  { name: "error.absurdly-large-money", build: value("PL01", "1", "NSTW", "2023", 2_000_000, "TOO_LARGE") },
  { name: "error.absurdly-large-quantity", build: value("PL02", "1", "quantity", "2025", 100_000_000, "TOO_LARGE") },
  {
    name: "error.quantity-for-running-costs",
    build: value("PL03", "3", "quantity", "2023", 5, "MEASURE_NOT_APPLICABLE"),
  },
  {
    name: "error.quantity-total-for-PL03",
    build: value("PL03", "total", "quantity", "total", 9, "MEASURE_NOT_APPLICABLE"),
  },
  // Structure
  {
    name: "error.unknown-item-4",
    build: () => {
      const grids = clean();
      const g = sheet(grids, "PL01");
      const at = rowOf(g, "total");
      const row = new Array(g.values[at].length).fill(null);
      row[0] = "4.";
      row[1] = "Tờ rơi";
      row[2] = "Tờ";
      row[columnOf("PL01", "quantity", "2023")] = 10;
      g.values.splice(at, 0, row);
      return { grids, expect: { code: "ITEM_UNKNOWN", cell: ref("PL01", at, 0), appendix: "PL01" } };
    },
  },
  {
    name: "error.missing-row",
    build: () => {
      const grids = clean();
      const g = sheet(grids, "PL01");
      const first = rowOf(g, "1");
      g.values.splice(rowOf(g, "2"), 1);
      // Reported where the table's body starts, on the STT column.
      return { grids, expect: { code: "ITEM_MISSING", cell: ref("PL01", first, 0), appendix: "PL01", item: "2" } };
    },
  },
  {
    name: "error.duplicated-row",
    build: () => {
      const grids = clean();
      const g = sheet(grids, "PL01");
      const r = rowOf(g, "1");
      g.values.splice(r + 1, 0, [...g.values[r]]);
      return { grids, expect: { code: "ITEM_DUPLICATE", cell: ref("PL01", r + 1, 0), appendix: "PL01", item: "1" } };
    },
  },
  {
    name: "error.missing-sheet",
    build: () => ({
      grids: clean().filter((g) => g.sheet !== "PL02"),
      expect: { code: "SHEET_MISSING", cell: null, appendix: "PL02" },
    }),
  },
  {
    name: "error.missing-column",
    build: () => {
      const grids = clean();
      const g = sheet(grids, "PL01");
      const top = g.values.findIndex((row) => row[0] === "STT");
      const c = columnOf("PL01", "NSTW", "2024");
      const r = g.values.findIndex((row, k) => k > top && row[c] === "Năm 2024");
      g.values[r][c] = "Năm 2026";
      // The column cannot be told apart any more: reported on the header cell that failed.
      return { grids, expect: { code: "COLUMN_MISSING", cell: ref("PL01", r, c), appendix: "PL01" } };
    },
  },
  {
    name: "error.header-row-gone",
    build: () => {
      const grids = clean();
      const g = sheet(grids, "PL02");
      const top = g.values.findIndex((row) => row[0] === "STT");
      g.values.splice(top, rowOf(g, "1") - top);
      g.merges = [];
      return { grids, expect: { code: "HEADER_NOT_FOUND", cell: "PL02!A1", appendix: "PL02" } };
    },
  },
  // Text
  {
    name: "warning.legacy-tcvn3-item-label",
    build: label("PL01", "1", "B¶n tin (thÓ hiÖn d\u00adíi d¹ng ©m thanh, ch÷ viÕt, h×nh ¶nh)", "LEGACY_ENCODING"),
  },
  {
    name: "warning.legacy-vni-item-label",
    build: label(
      "PL02",
      "1",
      "Boài döôõng, taäp huaán kieán thöùc, nghieäp vuï thoâng tin ñoái ngoaïi",
      "LEGACY_ENCODING",
    ),
  },
  {
    name: "warning.legacy-tcvn3-total-label",
    build: () => {
      const grids = clean();
      const g = sheet(grids, "PL01");
      const r = rowOf(g, "total");
      g.values[r][1] = "Tæng céng";
      return { grids, expect: { code: "LEGACY_ENCODING", cell: ref("PL01", r, 1), appendix: "PL01" } };
    },
  },
  { name: "warning.label-differs", build: label("PL01", "3", "Video clip ngắn", "LABEL_MISMATCH") },
  // Consistency
  {
    name: "warning.quantity-without-funding",
    build: () => {
      const grids = printedWith((t) => delete t.PL01["1"].NSTW["2023"]);
      const cell = ref("PL01", rowOf(sheet(grids, "PL01"), "1"), columnOf("PL01", "quantity", "2023"));
      return {
        grids,
        expect: {
          code: "QUANTITY_WITHOUT_FUNDING",
          cell,
          appendix: "PL01",
          item: "1",
          measure: "quantity",
          period: "2023",
        },
      };
    },
  },
  {
    name: "warning.funding-without-quantity",
    build: () => {
      const grids = printedWith((t) => delete t.PL03["1"].quantity["2024"]);
      const cell = ref("PL03", rowOf(sheet(grids, "PL03"), "1"), columnOf("PL03", "NSTW", "2024"));
      return {
        grids,
        expect: {
          code: "FUNDING_WITHOUT_QUANTITY",
          cell,
          appendix: "PL03",
          item: "1",
          measure: "NSTW",
          period: "2024",
        },
      };
    },
  },
  {
    name: "warning.unit-cost-far-from-plan",
    // 27 videos for 100 triệu: 3,7 triệu each against the plan's 32,1.
    build: () => {
      const grids = printedWith((t) => (t.PL01["3"].NSTW["2023"] = "100"));
      const cell = ref("PL01", rowOf(sheet(grids, "PL01"), "3"), columnOf("PL01", "NSTW", "2023"));
      return { grids, expect: { code: "UNIT_COST_OFF_PLAN", cell, appendix: "PL01", item: "3", period: "2023" } };
    },
  },
  {
    name: "warning.exceeds-province-plan",
    // Same unit cost as the plan (0,8 triệu per person), more people than the province planned.
    build: () => {
      const grids = printedWith((t) => {
        t.PL02["1"].quantity["2023"] = 250;
        t.PL02["1"].NSTW["2023"] = "200";
      });
      const cell = ref("PL02", rowOf(sheet(grids, "PL02"), "1"), columnOf("PL02", "quantity", "2023"));
      return {
        grids,
        expect: {
          code: "EXCEEDS_PROVINCE_PLAN",
          cell,
          appendix: "PL02",
          item: "1",
          measure: "quantity",
          period: "2023",
        },
      };
    },
  },
];

function expectPlanted(name: string, ev: Evaluation, want: Expectation) {
  const mustFail = name.startsWith("error.");
  expect(mustFail || name.startsWith("warning.")).toBe(true);
  expect(ev.report.valid).toBe(!mustFail);
  const pool = mustFail ? ev.report.errors : ev.report.warnings;
  const { code, cell, ...rest } = want;
  expect(pool).toContainEqual(expect.objectContaining({ code, cell, ...rest }));
  const found = pool.find((i) => i.code === code && i.cell === cell)!;
  expect(found.severity).toBe(mustFail ? "error" : "warning");
  expect(found.message.length).toBeGreaterThan(10);
}

describe("planted mistakes in a printed workbook", () => {
  it("the clean workbook has no issue at all (baseline)", () => {
    const ev = validateWorkbook(template, clean());
    expect([...ev.report.errors, ...ev.report.warnings]).toEqual([]);
  });

  it.each(gridCases.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const { grids, expect: want } = c.build();
    expectPlanted(name, validateWorkbook(template, grids), want);
  });

  it('a legacy-encoded "Tổng cộng" row is still checked as the total row', () => {
    const grids = clean();
    const g = sheet(grids, "PL01");
    const r = rowOf(g, "total");
    const cell = plant(grids, "PL01", "total", "NSTW", "2024", 1307.02);
    g.values[r][1] = "Tæng céng";
    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toEqual([expect.objectContaining({ code: "GRAND_TOTAL_MISMATCH", cell })]);
    expect(ev.report.warnings).toEqual([
      expect.objectContaining({ code: "LEGACY_ENCODING", cell: ref("PL01", r, 1), item: "total" }),
    ]);
  });

  it("a legacy-encoded row that is no item stays an error, and says why", () => {
    const grids = clean();
    const g = sheet(grids, "PL01");
    const at = rowOf(g, "2");
    const row = new Array(g.values[at].length).fill(null);
    row[1] = "Tê r¬i";
    row[columnOf("PL01", "quantity", "2023")] = 10;
    g.values.splice(at, 0, row);
    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toContainEqual(
      expect.objectContaining({ code: "ITEM_UNKNOWN", cell: ref("PL01", at, 1) }),
    );
    expect(ev.report.warnings).toContainEqual(
      expect.objectContaining({ code: "LEGACY_ENCODING", cell: ref("PL01", at, 1) }),
    );
  });

  it("a value error names only its own cell, not a cascade of unrelated ones", () => {
    const grids = clean();
    const cell = plant(grids, "PL01", "3", "NSTW", "2025", 866.8001);
    const errors = validateWorkbook(template, grids).report.errors;
    expect(
      errors.filter((e) => e.code !== "PERIOD_TOTAL_MISMATCH" && e.code !== "GRAND_TOTAL_MISMATCH").map((e) => e.cell),
    ).toEqual([cell]);
  });
});

interface JsonCase {
  name: string;
  /** Plants the mistake in canonical JSON (with totals) and answers the expected issue. */
  plant: (json: Record<string, any>) => Expectation;
}

/** The printed cell of a figure, found on the clean printed sheet by the test itself. */
function printedCell(appendix: string, item: string, measure: "quantity" | "NSTW" | "NSDP", period: string): string {
  return ref(appendix, rowOf(sheet(clean(), appendix), item), columnOf(appendix, measure, period));
}

function jsonValue(
  appendix: string,
  item: string,
  measure: "quantity" | "NSTW" | "NSDP",
  period: string,
  v: unknown,
  code: IssueCode,
): JsonCase["plant"] {
  return (json) => {
    json[appendix][item][measure][period] = v;
    return { code, cell: printedCell(appendix, item, measure, period), appendix, item, measure, period };
  };
}

const jsonCases: JsonCase[] = [
  {
    name: "error.json.unknown-appendix",
    plant: (j) => (
      (j.PL04 = { "1": { quantity: { "2023": 1 } } }),
      { code: "APPENDIX_UNKNOWN", cell: null, appendix: "PL04" }
    ),
  },
  {
    name: "error.json.unknown-item",
    plant: (j) => (
      (j.PL01["4"] = { quantity: { "2023": 1 } }),
      { code: "ITEM_UNKNOWN", cell: null, appendix: "PL01", item: "4" }
    ),
  },
  {
    name: "error.json.unknown-measure",
    plant: (j) => (
      (j.PL01["1"].NSTP = { "2023": "1" }),
      { code: "MEASURE_UNKNOWN", cell: null, appendix: "PL01", item: "1", measure: "NSTP" }
    ),
  },
  {
    name: "error.json.unknown-period",
    plant: (j) => (
      (j.PL01["1"].NSTW["2026"] = "1"),
      { code: "PERIOD_UNKNOWN", cell: null, item: "1", measure: "NSTW", period: "2026" }
    ),
  },
  { name: "error.json.money-with-vi-comma", plant: jsonValue("PL01", "1", "NSTW", "2023", "403,305", "NOT_A_NUMBER") },
  { name: "error.json.money-vi-grouped", plant: jsonValue("PL01", "1", "NSTW", "total", "1.209,915", "NOT_A_NUMBER") },
  { name: "error.json.money-NaN-text", plant: jsonValue("PL01", "2", "NSTW", "2024", "NaN", "NOT_A_NUMBER") },
  { name: "error.json.money-NaN-number", plant: jsonValue("PL01", "2", "NSTW", "2024", Number.NaN, "NOT_A_NUMBER") },
  {
    name: "error.json.money-Infinity",
    plant: jsonValue("PL02", "1", "NSTW", "2025", Number.POSITIVE_INFINITY, "NOT_A_NUMBER"),
  },
  {
    name: "error.json.quantity-Infinity-text",
    plant: jsonValue("PL02", "1", "quantity", "2025", "Infinity", "NOT_A_NUMBER"),
  },
  { name: "error.json.boolean", plant: jsonValue("PL03", "1", "quantity", "2023", true, "NOT_A_NUMBER") },
  {
    name: "error.json.object-as-value",
    plant: jsonValue("PL03", "2", "NSTW", "2023", { value: "26.6" }, "NOT_A_NUMBER"),
  },
  {
    name: "error.json.money-4-decimals",
    plant: jsonValue("PL01", "1", "NSTW", "2025", "403.3051", "TOO_MANY_DECIMALS"),
  },
  { name: "error.json.money-negative", plant: jsonValue("PL03", "3", "NSTW", "2023", "-6.39", "NEGATIVE") },
  { name: "error.json.quantity-fraction", plant: jsonValue("PL01", "1", "quantity", "2023", 160.5, "NOT_INTEGER") },
  { name: "error.json.money-exponent", plant: jsonValue("PL01", "3", "NSTW", "2023", "1e400", "NOT_A_NUMBER") },
  {
    name: "error.json.money-20-digits",
    plant: jsonValue("PL01", "3", "NSTW", "2023", "12345678901234567890", "TOO_LARGE"),
  },
  {
    name: "error.json.quantity-for-running-costs",
    plant: jsonValue("PL03", "3", "quantity", "2024", 1, "MEASURE_NOT_APPLICABLE"),
  },
  {
    name: "error.json.grand-total-wrong",
    plant: jsonValue("PL01", "total", "NSTW", "total", "3921.04", "GRAND_TOTAL_MISMATCH"),
  },
  {
    name: "error.json.phase-total-wrong",
    plant: jsonValue("PL02", "1", "quantity", "total", 601, "PERIOD_TOTAL_MISMATCH"),
  },
];

describe("planted mistakes in canonical JSON", () => {
  const cleanJson = () =>
    JSON.parse(JSON.stringify(treeToJson(expectedTree(), { totals: true }))) as Record<string, any>;

  it("the clean JSON has no issue at all (baseline)", () => {
    const ev = validateJsonAppendices(template, cleanJson());
    expect([...ev.report.errors, ...ev.report.warnings]).toEqual([]);
  });

  it.each(jsonCases.map((c) => [c.name, c] as const))("%s", (name, c) => {
    const json = cleanJson();
    const want = c.plant(json);
    expectPlanted(name, validateJsonAppendices(template, json), want);
  });

  it("appendices that are not an object are refused", () => {
    for (const bad of [null, [], "PL01", 42]) expect(validateJsonAppendices(template, bad).report.valid).toBe(false);
  });
});
