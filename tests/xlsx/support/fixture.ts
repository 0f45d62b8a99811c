// The plan's tables as transcribed in tests/fixtures/kh-157-appendices.json: the expected
// figures (in the shape toFigureTree gives) and CSV files in the printed layout, with numbers
// written the Vietnamese way the seed prints them ("1.209,915", "403,305", "06").
import { type CellValue, type FigureTree, headerCells, headerDepth, leafColumns, type Template } from "../../../domain";
import raw from "../../fixtures/kh-157-appendices.json";

type Cells = Record<string, number | string | null>;
interface Row {
  stt?: string | null;
  label: string;
  unit?: string | null;
  quantity: Cells;
  NSTW: Cells;
  NSĐP: Cells;
}
interface FixtureAppendix {
  id: string;
  heading: string;
  title: string;
  columns: string[];
  rows: Row[];
  totalRow: Row;
}

export const fixture = raw as unknown as { plan: { number: string; date: string }; appendices: FixtureAppendix[] };
const MEASURES = [
  ["quantity", "quantity"],
  ["NSTW", "NSTW"],
  ["NSĐP", "NSDP"],
] as const;
const PERIODS = ["total", "2023", "2024", "2025"];

/** "2600.400" → "2600.4", "160.0" → "160": the canonical money text. */
function canonical(text: string): string {
  return text.includes(".") ? text.replace(/0+$/, "").replace(/\.$/, "") : text;
}

export function expectedTree(): FigureTree {
  const tree: FigureTree = {};
  for (const a of fixture.appendices) {
    tree[a.id] = {};
    for (const row of [...a.rows, a.totalRow]) {
      const id = row === a.totalRow ? "total" : String(row.stt).replace(/\.$/, "");
      const item: Record<string, Record<string, number | string>> = (tree[a.id][id] = {});
      for (const [key, measure] of MEASURES) {
        item[measure] = {};
        for (const p of PERIODS) {
          const v = row[key][p];
          if (v !== null && v !== undefined)
            item[measure][p] = measure === "quantity" ? Number(v) : canonical(String(v));
        }
      }
    }
  }
  return tree;
}

/** "1209.915" → "1.209,915". */
export function viText(plain: string): string {
  const [int, frac] = plain.split(".");
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ".") + (frac ? `,${frac}` : "");
}

export interface LayoutOptions {
  /** Extra rows above the heading (a letterhead). */
  titleRows?: string[];
  /** Blank columns to the left of the table. */
  shiftCols?: number;
  /** Text transform for labels and headers (e.g. NFD). */
  text?: (s: string) => string;
}

/**
 * One appendix as the seed prints it: heading, title, attachment line, a blank row, the
 * header (group text in its first column only, as a CSV carries it), items, "Tổng cộng".
 * The header layout comes from the template; labels and figures come from the fixture.
 */
export function printedRows(template: Template, id: string, opts: LayoutOptions = {}): CellValue[][] {
  const a = fixture.appendices.find((x) => x.id === id)!;
  const appendix = template.appendices.find((x) => x.id === id)!;
  const t = opts.text ?? ((s: string) => s);
  const pad = (row: CellValue[]) => [...new Array<CellValue>(opts.shiftCols ?? 0).fill(null), ...row];
  const rows: CellValue[][] = [...(opts.titleRows ?? []).map((s) => [t(s)]), [t(a.heading)], [t(a.title)]];
  rows.push([t(`(Kèm theo Kế hoạch số ${fixture.plan.number} ngày 01/8/2023 của Ủy ban nhân dân tỉnh Sóc Trăng)`)], []);
  const header: CellValue[][] = Array.from({ length: headerDepth(appendix) }, () =>
    new Array<CellValue>(a.columns.length).fill(null),
  );
  for (const h of headerCells(appendix)) header[h.row][h.col] = t(h.text);
  rows.push(...header);
  for (const row of [...a.rows, a.totalRow]) {
    const cells = new Array<CellValue>(a.columns.length).fill(null);
    cells[0] = row.stt ?? null;
    cells[1] = t(row.label);
    if (row.unit) cells[2] = t(row.unit);
    figureColumns(template, id).forEach(({ col, key, period }) => {
      const v = row[key][period];
      if (v === null || v === undefined) return;
      cells[col] = key === "quantity" ? String(v).padStart(id === "PL03" ? 2 : 1, "0") : viText(String(v));
    });
    rows.push(cells);
  }
  return rows.map((r) => (r.length ? pad(r) : r));
}

/** Where each (measure, period) figure sits, from the template's leaf columns. */
function figureColumns(template: Template, id: string) {
  return leafColumns(template.appendices.find((x) => x.id === id)!).flatMap((leaf) => {
    const key = MEASURES.find(([, m]) => m === leaf.measure)?.[0];
    return key && leaf.period ? [{ col: leaf.index, key, period: leaf.period }] : [];
  });
}
