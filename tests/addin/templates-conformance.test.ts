// Issue 16, "Done means": the same add-in suite over every built-in template — plan 157 and the
// illustrative 2026–2030 sample with nested rows. On the oldest and the newest host of the
// support matrix, in the in-memory Excel: build the sheets, type a unit's leaf year figures
// where a person would (the row found by its label, as printed), let the formulas compute the
// group rows, computed measures and totals, check, and prepare the submission body.
import { describe, expect, it } from "vitest";
import {
  type Appendix,
  getFigure,
  itemRows,
  leafColumns,
  leafRows,
  lookup,
  type Template,
  toFigureTree,
  TOTAL_ROW,
} from "../../domain";
import { prepareSubmission } from "../../addin/api";
import { buildSheets, checkSheets, HOST_PROFILES, type HostOptions, readSheets } from "../../addin/excel";
import { TEMPLATES, unitFigures, unitLeaves } from "../support/templates";
import { colName, FakeWorkbook, runFake } from "./support/fake-excel";

type Ctx = Excel.RequestContext;
const HOSTS = [HOST_PROFILES[0], HOST_PROFILES[HOST_PROFILES.length - 1]];

async function run<T>(book: FakeWorkbook, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  return (await runFake(book, (c) => fn(c as unknown as Ctx), { delayForCellEdit: true })).result;
}

/** The sheet row (0-based) whose label column reads `label`; the label is printed once per appendix. */
function rowOfLabel(book: FakeWorkbook, a: Appendix, label: string): number {
  const col = leafColumns(a).find((l) => l.field === "label")!.index;
  const sheet = book.sheet(a.id)!;
  const rows = [];
  for (let r = 0; r < 300; r++) if (sheet.valueAt(r, col) === label) rows.push(r);
  expect(rows, `${a.id} ${label}`).toHaveLength(1);
  return rows[0];
}

/** The sheet column of a measure and period, by the template's column tree. */
const colOf = (a: Appendix, m: string, p: string) =>
  leafColumns(a).find((l) => l.measure === m && l.period === p)!.index;

/** Types unit `k`'s leaf year figures as text, as a person types them ("12.5" in triệu đồng, "7"). */
function typeLeaves(book: FakeWorkbook, template: Template, k: number): number {
  const leaves = unitLeaves(template, k);
  const { measure } = lookup(template);
  let typed = 0;
  for (const a of template.appendices) {
    for (const { item } of leafRows(a)) {
      const r = rowOfLabel(book, a, item.label);
      for (const [m, periods] of Object.entries(leaves[a.id]?.[item.id] ?? {}))
        for (const [p, v] of Object.entries(periods)) {
          const text = measure(m)!.kind === "money" ? String(v / template.money.dongPerUnit) : String(v);
          book.type(a.id, `${colName(colOf(a, m, p))}${r + 1}`, text);
          typed++;
        }
    }
  }
  return typed;
}

describe.each(TEMPLATES)("template $id in the add-in", (template) => {
  describe.each(HOSTS.map((h) => [h.name, h] as const))("on %s", (_name, profile) => {
    async function typedBook(k: number) {
      const book = new FakeWorkbook(["Sheet1"]);
      book.api = profile.api;
      const opts: HostOptions = { caps: { api: profile.api }, documentSettings: book.documentSettings };
      const built = await run(book, (c) => buildSheets(c, template, opts));
      expect(built.sheets).toEqual(template.appendices.map((a) => a.id));
      expect(typeLeaves(book, template, k)).toBeGreaterThan(0);
      return { book, opts };
    }

    it("builds every row (groups in printed order), and the sheet's formulas compute groups and totals", async () => {
      const { book } = await typedBook(2);
      const figures = unitFigures(template, 2);
      const { totalPeriod } = lookup(template);
      for (const a of template.appendices) {
        const rows = itemRows(a).map((r) => rowOfLabel(book, a, r.item.label));
        expect([...rows].sort((x, y) => x - y)).toEqual(rows);
        const total = rowOfLabel(book, a, a.totalRow.label);
        expect(total).toBeGreaterThan(rows[rows.length - 1]);
        // Phase totals of every row (leaves, groups, computed measures, "Tổng cộng"): what Excel shows
        // is the sum of what was typed.
        const summed = [...itemRows(a).map((r) => r.item), { id: TOTAL_ROW, label: a.totalRow.label }];
        for (const item of summed) {
          const r = item.id === TOTAL_ROW ? total : rowOfLabel(book, a, item.label);
          for (const m of template.measures) {
            const want = getFigure(figures, a.id, item.id, m.id, totalPeriod.id);
            if (want === undefined) continue;
            const shown = book.sheet(a.id)!.valueAt(r, colOf(a, m.id, totalPeriod.id));
            const scale = m.kind === "money" ? template.money.dongPerUnit : 1;
            expect(Math.round(Number(shown) * scale), `${a.id} ${item.id} ${m.id}`).toBe(want);
          }
        }
      }
    });

    it("reads back the typed figures exactly and prepares the submission with every group row", async () => {
      const { book, opts } = await typedBook(6);
      const grids = await run(book, (c) => readSheets(c, template, opts));
      expect(grids.map((g) => g.sheet)).toEqual(template.appendices.map((a) => a.id));
      const checked = await run(book, (c) => checkSheets(c, template, opts));
      const { report, figures } = checked.evaluation;
      expect(report.errors).toEqual([]);
      expect(report.valid).toBe(true);
      const expected = toFigureTree(template, unitFigures(template, 6));
      expect(toFigureTree(template, figures)).toEqual(expected);
      const prepared = await prepareSubmission(template, figures, { unit: "U1", kind: "plan", baseVersion: 0 });
      const body = JSON.parse(prepared.body);
      expect(body.template).toBe(template.id);
      expect(body.appendices).toEqual(expected);
      for (const a of template.appendices)
        for (const r of itemRows(a).filter((x) => x.group))
          expect(Object.values(body.appendices[a.id][r.item.id]).some((p) => Object.keys(p as object).length)).toBe(
            true,
          );
    });
  });
});
