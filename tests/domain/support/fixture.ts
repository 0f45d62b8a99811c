// The plan's tables as transcribed independently in tests/fixtures/kh-157-appendices.json,
// turned into the shapes the tests compare against. Nothing here asks domain/ for figures.
import type { Figures } from "../../../domain";
import raw from "../../fixtures/kh-157-appendices.json";
import { canonicalMoney, dongOf, sumMoney } from "./exact";

type Cells<T> = Record<string, T | null>;

export interface FixtureRow {
  stt?: string | null;
  label: string;
  unit?: string | null;
  quantity: Cells<number>;
  NSTW: Cells<string>;
  NSĐP: Cells<string>;
}

export interface FixtureAppendix {
  id: string;
  heading: string;
  title: string;
  columns: string[];
  rows: FixtureRow[];
  totalRow: FixtureRow;
}

export const fixture = raw as unknown as {
  appendices: FixtureAppendix[];
  checks: { grandTotalNSTW: Record<string, string> };
};

export const APPENDIX_IDS = fixture.appendices.map((a) => a.id);
export const YEARS = ["2023", "2024", "2025"];
export const PERIODS = ["total", ...YEARS];
/** Fixture measure key → the template's measure id. */
export const MEASURES: [keyof FixtureRow & ("quantity" | "NSTW" | "NSĐP"), "quantity" | "NSTW" | "NSDP"][] = [
  ["quantity", "quantity"],
  ["NSTW", "NSTW"],
  ["NSĐP", "NSDP"],
];

export interface ItemFigures {
  quantity: Record<string, number>;
  NSTW: Record<string, string>;
  NSDP: Record<string, string>;
}
/** appendix → item id ("1", "total") → measure → period; absent = empty cell. */
export type Tree = Record<string, Record<string, ItemFigures>>;

export function fixtureAppendix(id: string): FixtureAppendix {
  const a = fixture.appendices.find((x) => x.id === id);
  if (!a) throw new Error(`no appendix ${id} in the fixture`);
  return a;
}

export function itemIdOf(stt: string): string {
  return stt.replace(/\.$/, "");
}

function itemFigures(row: FixtureRow): ItemFigures {
  const out: ItemFigures = { quantity: {}, NSTW: {}, NSDP: {} };
  for (const [key, id] of MEASURES) {
    for (const [p, v] of Object.entries(row[key])) {
      if (v === null) continue;
      if (id === "quantity") out.quantity[p] = v as number;
      else out[id][p] = canonicalMoney(v as string);
    }
  }
  return out;
}

/** Every figure the plan prints (rows and "Tổng cộng"), as the domain's FigureTree shows it. */
export function expectedTree(): Tree {
  const tree: Tree = {};
  for (const a of fixture.appendices) {
    tree[a.id] = {};
    for (const row of a.rows) tree[a.id][itemIdOf(row.stt!)] = itemFigures(row);
    tree[a.id].total = itemFigures(a.totalRow);
  }
  return tree;
}

export function cloneTree(tree: Tree): Tree {
  return JSON.parse(JSON.stringify(tree)) as Tree;
}

/** Whether the plan prints a "Tổng cộng" for this measure (PL03 prints none for quantities). */
export function printsTotal(appendix: string, measure: string): boolean {
  const a = fixtureAppendix(appendix);
  const key = MEASURES.find(([, id]) => id === measure)![0];
  const has = (row: FixtureRow) => Object.values(row[key]).some((v) => v !== null);
  return has(a.totalRow) || !a.rows.some(has);
}

/** Recomputes every phase total and "Tổng cộng" from the years, exactly (BigInt). */
export function rebalance(tree: Tree): Tree {
  for (const [a, items] of Object.entries(tree)) {
    const ids = Object.keys(items).filter((i) => i !== "total");
    for (const id of ids) {
      const f = items[id];
      for (const m of ["quantity", "NSTW", "NSDP"] as const) {
        delete f[m].total;
        const years = YEARS.filter((y) => f[m][y] !== undefined);
        if (!years.length) continue;
        if (m === "quantity") f.quantity.total = years.reduce((s, y) => s + f.quantity[y], 0);
        else f[m].total = sumMoney(years.map((y) => f[m][y]));
      }
    }
    const total: ItemFigures = { quantity: {}, NSTW: {}, NSDP: {} };
    for (const m of ["quantity", "NSTW", "NSDP"] as const) {
      if (!printsTotal(a, m)) continue;
      for (const p of PERIODS) {
        const parts = ids.map((id) => items[id][m][p]).filter((v) => v !== undefined);
        if (!parts.length) continue;
        if (m === "quantity") total.quantity[p] = (parts as number[]).reduce((s, v) => s + v, 0);
        else total[m][p] = sumMoney(parts as string[]);
      }
    }
    items.total = total;
  }
  return tree;
}

/** The domain's internal figures (integer đồng), converted by the test itself. */
export function treeToFigures(tree: Tree): Figures {
  const out: Figures = {};
  for (const [a, items] of Object.entries(tree)) {
    for (const [i, f] of Object.entries(items)) {
      for (const m of ["quantity", "NSTW", "NSDP"] as const) {
        for (const [p, v] of Object.entries(f[m])) {
          (((out[a] ??= {})[i] ??= {})[m] ??= {})[p] = m === "quantity" ? (v as number) : dongOf(v as string);
        }
      }
    }
  }
  return out;
}

export interface JsonOptions {
  money?: "string" | "number";
  /** Include phase totals and the "Tổng cộng" item. */
  totals?: boolean;
}

/** A canonical submission's `appendices` built from a tree. */
export function treeToJson(tree: Tree, opts: JsonOptions = {}): Record<string, unknown> {
  const out: Record<string, Record<string, Record<string, Record<string, number | string>>>> = {};
  for (const [a, items] of Object.entries(tree)) {
    out[a] = {};
    for (const [i, f] of Object.entries(items)) {
      if (i === "total" && !opts.totals) continue;
      out[a][i] = {};
      for (const m of ["quantity", "NSTW", "NSDP"] as const) {
        const periods: Record<string, number | string> = {};
        for (const [p, v] of Object.entries(f[m])) {
          if (p === "total" && !opts.totals) continue;
          periods[p] = m !== "quantity" && opts.money === "number" ? Number(v) : v;
        }
        out[a][i][m] = periods;
      }
    }
  }
  return out;
}
