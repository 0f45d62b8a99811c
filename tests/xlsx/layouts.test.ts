// District layouts (issue 13) in files made by real producers: openpyxl (tests/xlsx/support/
// producers/layouts.py) and LibreOffice from CSV. Headers typed in .VnTime (TCVN3) or VNI-Times,
// years typed as numbers, the money unit on a line above the table, other words for the
// sources, "Tổng cộng" above the items, "-" for nothing, the header repeated at a page break,
// "403,305" typed as text. Each file goes through the upload's reader and must give the plan's
// own figures (tests/fixtures/kh-157-appendices.json) with only the warnings it deserves; each
// planted mistake is reported at its cell.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type CellValue,
  getTemplate,
  type Grid,
  type Issue,
  renderMessage,
  toFigureTree,
  validateWorkbook,
} from "../../domain";
import { readXlsx } from "../../worker/xlsx";
import { expectedTree, printedRows } from "./support/fixture";
import { CSV_AS_TEXT, csvToXlsx, libreOfficeAvailable, workDir } from "./support/soffice";
import { expectedTree as domainTree } from "../domain/support/fixture";
import { printedGrids } from "../domain/support/grids";
import { ref } from "../domain/support/exact";
import { toTcvn3, toVni } from "../domain/support/legacy-fonts";
import { bodyStart, deleteRow, headerTop, insertRows, mapGrid, totalRowIndex } from "../domain/support/transform";

const template = getTemplate("kh-157-2023")!;
const IDS = ["PL01", "PL02", "PL03"];
const ON_CI = process.env.CI === "true" || process.env.CI === "1";
const dir = workDir("layouts");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Debian's python3 with openpyxl (python3-openpyxl); missing: skipped locally, a failure on CI. */
function openpyxl(): string | null {
  for (const python of ["/usr/bin/python3", "python3"]) {
    try {
      execFileSync(python, ["-c", "import openpyxl"], { stdio: "ignore", timeout: 30_000 });
      return python;
    } catch {
      // not this one
    }
  }
  if (ON_CI) throw new Error("CI is set but python3-openpyxl was not found: apt-get install -y python3-openpyxl");
  console.warn(
    "tests/xlsx/layouts: python3 with openpyxl not found, skipping its files (apt-get install -y python3-openpyxl)",
  );
  return null;
}
const PYTHON = openpyxl();

const codes = (issues: Issue[]) => issues.map((i) => `${i.code}@${i.cell}`);

// ---- The layouts, as grids (the plan's figures in the printed layout, then reshaped). ----

// The domain tests' copy of the same fixture, in the shape their printer takes.
const clean = () => printedGrids(domainTree());
const YEAR = /^Năm (\d{4})$/;

function mapHeaderCells(g: Grid, f: (v: CellValue, row: number, col: number) => CellValue): Grid {
  const top = headerTop(g);
  const end = bodyStart(g);
  return mapGrid(g, (v, r, c) => (r >= top && r < end ? f(v, r, c) : v));
}

/** Header and item labels typed with a legacy font. */
function legacy(g: Grid, encode: (s: string) => string): Grid {
  const top = headerTop(g);
  const start = bodyStart(g);
  return mapGrid(g, (v, r, c) =>
    typeof v === "string" && ((r >= top && r < start) || (r >= start && c === 1)) ? encode(v) : v,
  );
}

/** Everything issue 13 lists at once, the way a district office re-types the form. */
function districtStyle(g: Grid): Grid {
  // Years as numbers, the unit out of the header, other words for the sources.
  const words: Record<string, string> = {
    "Trong đó: Ngân sách TW": "Trong đó: NSTW",
    "Trong đó: Ngân sách ĐP": "Ngân sách địa phương",
    "Nguồn NSDP": "Nguồn NSĐP",
  };
  let out = mapHeaderCells(g, (v) => {
    if (typeof v !== "string") return v;
    const year = YEAR.exec(v);
    if (year) return Number(year[1]);
    return words[v] ?? v.replace(/\s*\(triệu đồng\)/, "");
  });
  // "ĐVT: Triệu đồng" on the blank line above the table, at the right.
  out.values[headerTop(out) - 1][out.values[headerTop(out)].length - 2] = "ĐVT: Triệu đồng";
  // "-" in every empty figure cell of the items and the total.
  const start = bodyStart(out);
  const end = totalRowIndex(out);
  out = mapGrid(out, (v, r, c) => (r >= start && r <= end && c >= 3 && v === null ? "-" : v));
  // The header repeated after the first item (values only, as a copy-paste gives it), and a row numbering the columns.
  const again = out.values.slice(headerTop(out), start).map((r) => [...r]);
  const numbers = out.values[start].map((_, k) => k + 1);
  out = insertRows(out, start + 1, [...again, numbers]);
  // "Tổng cộng" above the items.
  const total = totalRowIndex(out);
  const row = [...out.values[total]];
  out = insertRows(deleteRow(out, total), start, [row]);
  // "TT" for "STT".
  return mapGrid(out, (v) => (v === "STT" ? "TT" : v));
}

interface Sheet {
  name: string;
  rows: CellValue[][];
  merges: [number, number, number, number][];
  font?: { name: string; rows: number[] };
}

const sheetOf = (g: Grid, font?: string): Sheet => ({
  name: g.sheet,
  rows: g.values,
  merges: (g.merges ?? []).map((m) => [m.row, m.col, m.rows, m.cols]),
  font: font ? { name: font, rows: g.values.map((_, r) => r) } : undefined,
});

function plantedColumn(): { grids: Grid[]; cell: string } {
  const grids = clean();
  const g = grids[0];
  const top = headerTop(g);
  const r = top + 2;
  const c = g.values[r].indexOf("Năm 2024", g.values[r].indexOf("Năm 2024") + 1);
  g.values[r][c] = "Năm 2026";
  return { grids, cell: ref("PL01", r, c) };
}

function plantedUnit(): { grids: Grid[]; cells: string[] } {
  const grids = clean().map((g) =>
    mapHeaderCells(g, (v) => (typeof v === "string" ? v.replace(/\s*\(triệu đồng\)/, "") : v)),
  );
  const cells = grids.map((g) => {
    const r = headerTop(g) - 1;
    g.values[r][2] = "ĐVT: đồng";
    return ref(g.sheet, r, 2);
  });
  return { grids, cells };
}

const BOOKS = {
  tcvn3: () => clean().map((g) => sheetOf(legacy(g, toTcvn3), ".VnTime")),
  vni: () => clean().map((g) => sheetOf(legacy(g, toVni), "VNI-Times")),
  district: () => clean().map((g) => sheetOf(districtStyle(g))),
  comma: () =>
    clean().map((g) => {
      if (g.sheet === "PL01") g.values[7][8] = "403,305";
      return sheetOf(g);
    }),
  "error-column": () => plantedColumn().grids.map((g) => sheetOf(g)),
  "error-unit": () => plantedUnit().grids.map((g) => sheetOf(g)),
};
type Book = keyof typeof BOOKS;

const files: Partial<Record<Book, Uint8Array>> = {};

beforeAll(() => {
  if (!PYTHON) return;
  const books = Object.fromEntries(Object.entries(BOOKS).map(([name, build]) => [name, build()]));
  const json = join(dir, "books.json");
  const out = join(dir, "openpyxl");
  mkdirSync(out, { recursive: true });
  writeFileSync(json, JSON.stringify(books));
  execFileSync(PYTHON, [new URL("./support/producers/layouts.py", import.meta.url).pathname, json, out], {
    stdio: "pipe",
    timeout: 120_000,
  });
  for (const name of Object.keys(BOOKS) as Book[]) {
    const path = join(out, `${name}.xlsx`);
    if (existsSync(path)) files[name] = new Uint8Array(readFileSync(path));
  }
}, 120_000);

const read = (book: Book) => {
  const bytes = files[book];
  if (!bytes) throw new Error(`${book}.xlsx was not written`);
  return readXlsx(bytes);
};

function expectPlanFigures(grids: Grid[], warnings: string[]) {
  const ev = validateWorkbook(template, grids);
  expect(codes(ev.report.errors)).toEqual([]);
  expect(codes(ev.report.warnings)).toEqual(warnings);
  expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
  return ev;
}

describe.skipIf(!PYTHON)("files written by openpyxl", () => {
  it("header and labels typed in .VnTime (TCVN3): the plan's figures, one warning per sheet naming TCVN3 and Unikey", () => {
    const grids = read("tcvn3");
    expect(grids[0].values[4][1]).toBe("Néi dung thùc hiÖn");
    const ev = expectPlanFigures(
      grids,
      IDS.map((id) => `LEGACY_HEADER@${id}!B5`),
    );
    expect(ev.report.warnings[0].message).toContain("TCVN3");
    expect(ev.report.warnings[0].message).toContain("Công cụ chuyển mã");
    expect(ev.report.warnings[0].params.unicode).toBe("Nội dung thực hiện");
  });

  it("header and labels typed in VNI-Times: the plan's figures, one warning per sheet naming VNI", () => {
    const grids = read("vni");
    expect(grids[0].values[4][1]).toBe("Noäi dung thöïc hieän");
    const ev = expectPlanFigures(
      grids,
      IDS.map((id) => `LEGACY_HEADER@${id}!B5`),
    );
    expect(ev.report.warnings.map((w) => w.params.encoding)).toEqual(["VNI", "VNI", "VNI"]);
  });

  it("years as numbers, the unit on a line above, NSTW / Nguồn NSĐP, TT, total first, dashes, repeated header: the plan's figures", () => {
    const grids = read("district");
    const pl01 = grids[0];
    expect(pl01.values.flat()).toContain(2023);
    expect(pl01.values.flat()).toContain("ĐVT: Triệu đồng");
    // One dash warning per sheet, at the first dash: in "Tổng cộng", the first row under the header.
    const firstDash = grids.map((g) => {
      const r = g.values.findIndex((row) => row.includes("-"));
      return `DASH_AS_EMPTY@${ref(g.sheet, r, g.values[r].indexOf("-"))}`;
    });
    const ev = expectPlanFigures(grids, firstDash);
    expect(ev.report.warnings.map((w) => w.params.count)).toEqual(
      grids.map((g) => g.values.flat().filter((v) => v === "-").length),
    );
  });

  it('"403,305" typed as text among numbers: read as 403,305 triệu đồng, the warning says both readings', () => {
    const ev = expectPlanFigures(read("comma"), ["NUMBER_COMMA_DECIMAL@PL01!I8"]);
    const w = ev.report.warnings[0];
    expect(w.message).toContain("bốn trăm linh ba phẩy ba không năm");
    expect(w.message).toContain("hãy gõ 403305");
    expect(renderMessage(w.code, { ...w.params, cell: w.cell! }, "en")).toContain(
      "four hundred three thousand three hundred five",
    );
  });

  it("error: a year header typed wrong is reported at that header cell", () => {
    const ev = validateWorkbook(template, read("error-column"));
    const { cell } = plantedColumn();
    expect(codes(ev.report.errors.filter((e) => e.code === "COLUMN_MISSING"))).toEqual([`COLUMN_MISSING@${cell}`]);
  });

  it('error: "ĐVT: đồng" above a table in triệu đồng is reported at that line, on every sheet', () => {
    const ev = validateWorkbook(template, read("error-unit"));
    expect(codes(ev.report.errors)).toEqual(plantedUnit().cells.map((c) => `MONEY_UNIT_DIFFERS@${c}`));
  });
});

/** CSV as LibreOffice reads it: every field quoted (a "-" stays a "-"). */
const csv = (rows: CellValue[][]) =>
  rows.map((r) => r.map((v) => (v === null ? "" : `"${String(v).replace(/"/g, '""')}"`)).join(",")).join("\n") + "\n";

describe.skipIf(!libreOfficeAvailable())("files converted by LibreOffice from CSV", { timeout: 120_000 }, () => {
  it('VNI header, years as text "2023", "Tổng cộng" first, "–" for nothing: the plan\'s figures', () => {
    const rows = (id: string) => {
      let out = printedRows(template, id, { text: toVni });
      const top = out.findIndex((r) => r[0] === "STT");
      const first = out.findIndex((r, k) => k > top && /^0?1\.?$/.test(String(r[0] ?? "")));
      out = out.map((r, k) =>
        k >= top && k < first ? r.map((v) => (typeof v === "string" && /^Naêm \d{4}$/.test(v) ? v.slice(5) : v)) : r,
      );
      const total = out.length - 1;
      out = [...out.slice(0, first), out[total], ...out.slice(first, total)];
      return out.map((r, k) => (k >= first ? r.map((v, c) => (c >= 3 && (v === null || v === "") ? "–" : v)) : r));
    };
    const d = workDir("layouts-lo");
    try {
      const out = csvToXlsx(d, Object.fromEntries(IDS.map((id) => [`${id}.csv`, csv(rows(id))])), CSV_AS_TEXT);
      const grids = IDS.map((id) => ({ ...readXlsx(out[`${id}.xlsx`])[0], sheet: id }));
      expect(grids[0].values.flat()).toContain("2023");
      const ev = validateWorkbook(template, grids);
      expect(codes(ev.report.errors)).toEqual([]);
      expect(toFigureTree(template, ev.figures)).toEqual(expectedTree());
      // One legacy warning and one dash warning per sheet; numbers typed as text are the only others.
      const perSheet = (code: string) =>
        IDS.map((id) => ev.report.warnings.filter((w) => w.code === code && w.appendix === id).length);
      expect(perSheet("LEGACY_HEADER")).toEqual([1, 1, 1]);
      expect(perSheet("DASH_AS_EMPTY")).toEqual([1, 1, 1]);
      for (const w of ev.report.warnings)
        expect(["LEGACY_HEADER", "DASH_AS_EMPTY", "NUMBER_AS_TEXT"]).toContain(w.code);
      expect(ev.report.warnings.find((w) => w.code === "LEGACY_HEADER")!.cell).toBe("PL01!B5");
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});
