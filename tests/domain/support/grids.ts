// Grids for the tests: the seed's printed tables parsed from its text, the domain's own
// printed sheets, and small helpers to plant changes and name the cell that was changed.
import { readFileSync } from "node:fs";
import { type CellValue, getTemplate, type Grid, printAppendix, type Template } from "../../../domain";
import { fixtureAppendix, itemIdOf, treeToFigures, type Tree } from "./fixture";
import { ref, viToPlain } from "./exact";

export const template: Template = getTemplate("kh-157-2023")!;

const SEED = readFileSync(new URL("../fixtures/kh-157-seed.txt", import.meta.url), "utf8");

const stripTags = (s: string) => s.replace(/<\/?b>/g, "").trim();

/**
 * The three appendices exactly as the seed prints them: heading, title, attachment line, a
 * blank row, then the tab-separated table (CSV-style header: no merges, group text only in
 * its first column). Cells are the seed's text ("1.209,915", "06"); empty cells are null.
 */
export function seedGrids(): Grid[] {
  const lines = SEED.split(/\r?\n/);
  const grids: Grid[] = [];
  for (let k = 0; k < lines.length; k++) {
    const m = /^#+\s*PHỤ LỤC (\d+)\s*$/.exec(lines[k]);
    if (!m) continue;
    const heading = `PHỤ LỤC ${m[1]}`;
    let j = k + 1;
    while (!lines[j].trim()) j++;
    const title = lines[j].replace(/\*\*/g, "").trim();
    const attachment = lines[j + 1].trim();
    while (!lines[j].startsWith("STT\t")) j++;
    const table: CellValue[][] = [];
    for (; j < lines.length && lines[j].trim(); j++) {
      table.push(lines[j].split("\t").map((c) => (stripTags(c) === "" ? null : stripTags(c))));
    }
    grids.push({ sheet: `PL${m[1]}`, values: [[heading], [title], [attachment], [], ...table] });
  }
  if (grids.length !== 3) throw new Error(`expected 3 seed tables, found ${grids.length}`);
  return grids;
}

/** The seed's grids with its vi-VN number text turned into numbers, as Excel would hold them. */
export function seedGridsAsNumbers(): Grid[] {
  return seedGrids().map((g) => ({
    ...g,
    values: g.values.map((row) =>
      row.map((v, c) =>
        c > 0 && typeof v === "string" && /^\d{1,3}(\.\d{3})*(,\d+)?$|^\d+$/.test(v) ? Number(viToPlain(v)) : v,
      ),
    ),
  }));
}

/** The domain's printed sheets filled with the given figures, as plain grids (deep copies). */
export function printedGrids(tree: Tree, t: Template = template): Grid[] {
  const figures = treeToFigures(tree);
  return t.appendices.map((a) => {
    const p = printAppendix(t, a, { figures });
    return { sheet: p.sheet, values: p.values.map((r) => [...r]), merges: p.merges.map((m) => ({ ...m })) };
  });
}

export function cloneGrids(grids: Grid[]): Grid[] {
  return grids.map((g) => ({ ...g, values: g.values.map((r) => [...r]), merges: g.merges?.map((m) => ({ ...m })) }));
}

export function sheet(grids: Grid[], id: string): Grid {
  const g = grids.find((x) => x.sheet === id);
  if (!g) throw new Error(`no sheet ${id}`);
  return g;
}

/**
 * The fixture's printed column for a measure and period, found from the fixture's own column
 * names ("Kinh phí NSTW: Năm 2023", "Năm 2023: Nguồn NSTW", "Số lượng: Giai đoạn 2021-2025").
 */
export function columnOf(appendix: string, measure: "quantity" | "NSTW" | "NSDP", period: string): number {
  const names = fixtureAppendix(appendix).columns;
  const wantMeasure = { quantity: /Số lượng/, NSTW: /NSTW/, NSDP: /NS(Đ|D)P/ }[measure];
  const wantPeriod = period === "total" ? /2021 ?- ?2025/ : new RegExp(`Năm ${period}`);
  const found = names.flatMap((n, k) => (wantMeasure.test(n) && wantPeriod.test(n) ? [k] : []));
  if (found.length !== 1) throw new Error(`${appendix} ${measure} ${period}: ${found.length} columns`);
  return found[0];
}

/**
 * Row of an item (by its printed STT in the first column) or of "Tổng cộng", in a grid whose table starts in column A.
 */
export function rowOf(grid: Grid, item: string): number {
  const r =
    item === "total"
      ? grid.values.findIndex((row) => row.some((v) => v === "Tổng cộng"))
      : grid.values.findIndex((row) => typeof row[0] === "string" && itemIdOf(row[0].trim()) === item);
  if (r < 0) throw new Error(`${grid.sheet}: no row for item ${item}`);
  return r;
}

/** Puts a value into an item's cell and answers the cell's address ("PL01!H8"). */
export function plant(
  grids: Grid[],
  appendix: string,
  item: string,
  measure: "quantity" | "NSTW" | "NSDP",
  period: string,
  value: CellValue,
): string {
  const g = sheet(grids, appendix);
  const r = rowOf(g, item);
  const c = columnOf(appendix, measure, period);
  g.values[r][c] = value;
  return ref(g.sheet, r, c);
}
