// Workbooks that look different from the printed layout but mean the same figures: each must
// read with zero errors and give exactly the fixture's figures.
import { describe, expect, it } from "vitest";
import { type Grid, type IssueCode, printAppendix, toFigureTree, validateWorkbook } from "../../domain";
import { expectedTree, treeToFigures } from "./support/fixture";
import { plainToEn, plainToVi } from "./support/exact";
import { columnOf, plant, printedGrids, rowOf, sheet, template } from "./support/grids";
import {
  bodyStart,
  deleteRow,
  fillMerges,
  headerTop,
  insertRows,
  mapBodyNumbers,
  mapGrid,
  mapHeader,
  shift,
  totalRowIndex,
} from "./support/transform";

const expected = expectedTree();
const clean = () => printedGrids(expected);
const each = (f: (g: Grid) => Grid) => () => clean().map(f);

/** Number text without float artefacts: 1209.915 → "1209.915" (the grid holds what was printed). */
const plain = (v: number) => String(Number(v.toPrecision(15)));

interface Variation {
  name: string;
  grids: () => Grid[];
  /** Warnings this variation may cause (everything else must be silent). */
  warnings?: IssueCode[];
}

const variations: Variation[] = [
  {
    name: "extra title rows above the table",
    grids: each((g) =>
      insertRows(g, 0, [
        ["ỦY BAN NHÂN DÂN TỈNH SÓC TRĂNG", null, null, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        [null, null, null, "Độc lập - Tự do - Hạnh phúc"],
        [],
      ]),
    ),
  },
  { name: "table starting in column C and row 10", grids: each((g) => shift(g, 10 - 1 - headerTop(g), 2)) },
  {
    name: "blank rows between items and under the header",
    grids: each((g) => {
      let out = g;
      for (const item of ["3", "2", "1"]) {
        if (!g.values.some((r) => typeof r[0] === "string" && r[0].replace(/\.$/, "") === item)) continue;
        out = insertRows(out, rowOf(out, item), [[], [null, "", "  "]]);
      }
      return out;
    }),
  },
  {
    name: "a column-numbering row (1) (2) (3)… under the header",
    grids: each((g) => insertRows(g, bodyStart(g), [g.values[bodyStart(g)].map((_, k) => `(${k + 1})`)])),
  },
  {
    name: "a column-numbering row A B 1 2 3… under the header",
    grids: each((g) =>
      insertRows(g, bodyStart(g), [g.values[bodyStart(g)].map((_, k) => (k < 2 ? "AB"[k] : String(k - 1)))]),
    ),
  },
  {
    name: "header without merges, group text only in its first column (CSV-style)",
    grids: each((g) => ({ ...g, merges: undefined })),
  },
  { name: "header with merges and the text repeated across each merged area", grids: each(fillMerges) },
  {
    name: "merged header text repeated, merge information lost",
    grids: each((g) => ({ ...fillMerges(g), merges: [] })),
  },
  {
    name: "labels and headers in decomposed Unicode (NFD)",
    grids: each((g) => mapGrid(g, (v) => (typeof v === "string" ? v.normalize("NFD") : v))),
  },
  {
    name: "header text with other spacing and case",
    grids: each((g) =>
      mapHeader(
        g,
        (t) =>
          (/2021 - 2025/.test(t) ? t.replace("2021 - 2025", "2021-2025") : t.replace("2021-2025", "2021 - 2025"))
            .toUpperCase()
            .replace(/ /g, "  ") + " ",
      ),
    ),
  },
  {
    name: 'numbers as vi-VN text ("1.209,915", "403,305", "06")',
    warnings: ["NUMBER_AS_TEXT"],
    grids: each((g) =>
      mapBodyNumbers(g, (v) => (g.sheet === "PL03" && Number.isInteger(v) && v < 10 ? `0${v}` : plainToVi(plain(v)))),
    ),
  },
  {
    name: 'numbers as en text ("1,209.915", "403.305" read by the sheet\'s own locale)',
    warnings: ["NUMBER_AS_TEXT"],
    grids: each((g) => mapBodyNumbers(g, (v) => plainToEn(plain(v)))),
  },
  {
    name: 'sheets named by heading ("Phụ lục 01")',
    grids: () => clean().map((g) => ({ ...g, sheet: `Phụ lục ${g.sheet.slice(2)}` })),
  },
  {
    name: 'sheets named in capitals without spaces ("PHỤLỤC02") and in another order',
    grids: () =>
      clean()
        .reverse()
        .map((g) => ({ ...g, sheet: `PHỤLỤC${g.sheet.slice(2)}` })),
  },
  {
    name: "an extra unrelated sheet",
    warnings: ["SHEET_UNKNOWN"],
    grids: () => [{ sheet: "Sheet1", values: [["Ghi chú"], ["STT", "Nội dung"]] }, ...clean()],
  },
  {
    name: "float noise from formulas (1209.9150000000002)",
    grids: () => {
      const grids = clean();
      plant(grids, "PL01", "1", "NSTW", "total", 1209.9150000000002);
      plant(grids, "PL01", "total", "NSTW", "2023", 403.305 + 36.905 + 866.8);
      plant(grids, "PL03", "total", "NSTW", "total", 36.45 + 79.8 + 19.17);
      return grids.map((g) => mapBodyNumbers(g, (v) => (Number.isInteger(v) ? v : v * (1 + 2 ** -52))));
    },
  },
  { name: '"Tổng cộng" row missing (totals computed)', grids: each((g) => deleteRow(g, totalRowIndex(g))) },
  {
    name: "footnote rows after the total",
    grids: each((g) =>
      insertRows(g, totalRowIndex(g) + 1, [
        [],
        [null, "Ghi chú: số liệu theo Kế hoạch 157/KH-UBND; tổng kinh phí 4.536,45 triệu đồng."],
        ["1.", "Năm 2023 là số dự kiến", null, 12],
        ["*", "Người lập biểu"],
      ]),
    ),
  },
  {
    name: '"Tổng cộng" missing and notes without STT under the items',
    grids: each((g) =>
      insertRows(deleteRow(g, totalRowIndex(g)), totalRowIndex(g), [
        [null, "Người lập biểu"],
        [null, "(ký, ghi rõ họ tên)"],
      ]),
    ),
  },
  {
    name: 'STT typed as numbers and "01."',
    grids: each((g) =>
      mapGrid(g, (v, r, c) =>
        c === 0 && r >= bodyStart(g) && typeof v === "string" && /^\d\.?$/.test(v)
          ? r % 2
            ? Number(v.replace(".", ""))
            : `0${v}`
          : v,
      ),
    ),
  },
  {
    name: "two quantity year columns swapped (columns found by header text)",
    // 170 bulletins in 2025 is above the province plan's 160: a warning, and proof the column was found.
    warnings: ["EXCEEDS_PROVINCE_PLAN"],
    grids: () => {
      const grids = clean();
      const g = sheet(grids, "PL01");
      const [a, b] = [columnOf("PL01", "quantity", "2023"), columnOf("PL01", "quantity", "2025")];
      // Swap the leaf header cells ("Năm 2023" ↔ "Năm 2025") and the body, not the group above.
      const leafRow = g.values.findIndex((row) => row[a] === "Năm 2023");
      g.values.forEach((row, r) => r >= leafRow && ([row[a], row[b]] = [row[b], row[a]]));
      // Distinct years so a wrong column would show: 2023 → 150, 2025 → 170 (same total).
      g.values[rowOf(g, "1")][b] = 150;
      g.values[rowOf(g, "1")][a] = 170;
      g.values[rowOf(g, "total")][b] = 265;
      g.values[rowOf(g, "total")][a] = 285;
      return grids;
    },
  },
  {
    name: "printed with SUM formulas (the add-in's live sheets)",
    grids: () =>
      template.appendices.map((a) => {
        const p = printAppendix(template, a, { figures: treeToFigures(expected), formulas: true });
        return { sheet: p.sheet, values: p.values, formulas: p.formulas, merges: p.merges };
      }),
  },
  {
    name: "everything at once: shifted, NFD, blank rows, numbering row, vi text, renamed",
    warnings: ["NUMBER_AS_TEXT"],
    grids: () =>
      clean().map((g) => {
        let out = mapBodyNumbers(g, (v) => plainToVi(plain(v)));
        out = insertRows(out, bodyStart(out), [out.values[bodyStart(out)].map((_, k) => `(${k + 1})`), []]);
        out = mapGrid(out, (v) => (typeof v === "string" ? v.normalize("NFD") : v));
        out = shift({ ...out, merges: undefined }, 6, 3);
        return { ...out, sheet: `Phụ lục ${g.sheet.slice(2)}`.normalize("NFD") };
      }),
  },
];

describe("layout variations read cleanly", () => {
  it.each(variations.map((v) => [v.name, v] as const))("%s", (_name, v) => {
    const ev = validateWorkbook(template, v.grids());
    expect(ev.report.errors).toEqual([]);
    for (const w of ev.report.warnings) expect(v.warnings ?? []).toContain(w.code);
    const tree = toFigureTree(template, ev.figures);
    if (v.name.startsWith("two quantity year columns")) {
      const want = structuredClone(expected);
      Object.assign(want.PL01["1"].quantity, { "2023": 150, "2025": 170 });
      Object.assign(want.PL01.total.quantity, { "2023": 265, "2025": 285 });
      expect(tree).toEqual(want);
    } else {
      expect(tree).toEqual(expected);
    }
  });

  it("the float-noise variation really carries noise", () => {
    const noisy = variations.find((v) => v.name.startsWith("float noise"))!.grids();
    const pl01 = sheet(noisy, "PL01");
    const h8 = pl01.values[rowOf(pl01, "1")][columnOf("PL01", "NSTW", "total")] as number;
    expect(String(h8)).not.toBe("1209.915");
    expect(Math.abs(h8 - 1209.915)).toBeLessThan(1e-9);
  });

  it("an extra sheet is named in its warning", () => {
    const ev = validateWorkbook(template, [{ sheet: "Sheet1", values: [] }, ...clean()]);
    expect(ev.report.warnings).toEqual([
      expect.objectContaining({ code: "SHEET_UNKNOWN", params: { sheet: "Sheet1" } }),
    ]);
  });

  it("a shifted table reports issues at its shifted address", () => {
    // Table moved 2 columns right and 5 rows down: H8 (NSTW phase total of item 1) becomes J13.
    const grids = clean();
    plant(grids, "PL01", "1", "NSTW", "total", 1209.916);
    const moved = grids.map((g) => shift(g, 5, 2));
    const ev = validateWorkbook(template, moved);
    expect(ev.report.errors).toEqual([expect.objectContaining({ code: "PERIOD_TOTAL_MISMATCH", cell: "PL01!J13" })]);
  });
});
