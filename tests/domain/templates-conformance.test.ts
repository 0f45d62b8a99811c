// Issue 16, "Done means": the same domain suite over every built-in template — plan 157 (flat
// rows) and the illustrative 2026–2030 sample (nested rows, a money-only appendix, notes, a
// computed "Tổng số"). Each template checks, prints blank and filled, reads back exactly, takes
// the leaf figures as JSON and completes groups and totals, refuses planted errors at the right
// cell, and consolidates N units exactly. Expected sums are computed here with BigInt from the
// leaf figures and the item tree, never by the domain code under test.
import { describe, expect, it } from "vitest";
import {
  type Appendix,
  checkTemplate,
  type Figures,
  getFigure,
  type Grid,
  itemRows,
  leafColumns,
  leafRows,
  lookup,
  type NoteTree,
  printAppendix,
  printedPosition,
  sheetCell,
  sumTrees,
  type Template,
  toFigureTree,
  TOTAL_ROW,
  validateJsonAppendices,
  validateWorkbook,
} from "../../domain";
import { filledTree, leafTree, TEMPLATES, unitFigures, unitLeaves } from "../support/templates";

function printed(template: Template, figures?: Figures): Grid[] {
  return template.appendices.map((a) => {
    const p = printAppendix(template, a, { figures });
    return { sheet: p.sheet, values: p.values.map((r) => [...r]), merges: p.merges };
  });
}

/** The measures a row carries, as the template says (not through the domain's helpers). */
function carried(template: Template, appendix: Appendix, id: string): string[] {
  if (id === TOTAL_ROW) return appendix.totalRow.measures;
  const row = itemRows(appendix).find((r) => r.item.id === id)!;
  return row.item.measures ?? appendix.measures ?? template.measures.map((m) => m.id);
}

/** The leaf ids under a row (itself when a leaf; every leaf for the total row). */
function leavesUnder(appendix: Appendix, id: string): string[] {
  if (id === TOTAL_ROW) return leafRows(appendix).map((r) => r.item.id);
  const rows = itemRows(appendix);
  const walk = (x: string): string[] => {
    const r = rows.find((row) => row.item.id === x)!;
    return r.group ? r.children.flatMap(walk) : [x];
  };
  return walk(id);
}

/**
 * What a cell must hold, in đồng or a count, from the leaf year figures alone: a row adds the
 * leaves under it that carry the measure; the phase total adds the years; a computed measure
 * adds its parts. Undefined when nothing under it was given.
 */
function expectedCell(
  template: Template,
  leaves: Figures,
  a: Appendix,
  i: string,
  m: string,
  p: string,
): bigint | undefined {
  const { measure, years, totalPeriod } = lookup(template);
  const periods = p === totalPeriod.id ? years.map((y) => y.id) : [p];
  const parts = measure(m)?.sumOf ?? [m];
  let total: bigint | undefined;
  for (const leaf of leavesUnder(a, i)) {
    if (!carried(template, a, leaf).includes(m)) continue;
    for (const part of parts)
      for (const y of periods) {
        const v = getFigure(leaves, a.id, leaf, part, y);
        if (v !== undefined) total = (total ?? 0n) + BigInt(v);
      }
  }
  return total;
}

/** Every cell of every row (groups and "Tổng cộng" included) compared with its expected sum. */
function expectExact(template: Template, leaves: Figures, figures: Figures): number {
  let cells = 0;
  for (const a of template.appendices) {
    for (const i of [...itemRows(a).map((r) => r.item.id), TOTAL_ROW]) {
      for (const m of carried(template, a, i)) {
        for (const { id: p } of template.periods) {
          const want = expectedCell(template, leaves, a, i, m, p);
          const got = getFigure(figures, a.id, i, m, p);
          expect(got === undefined ? undefined : BigInt(got), `${a.id} ${i} ${m} ${p}`).toEqual(want);
          if (want !== undefined) cells++;
        }
      }
    }
  }
  return cells;
}

/** The group rows of the template, with a year and a money measure each carries. */
function groupCells(template: Template) {
  const { years } = lookup(template);
  return template.appendices.flatMap((a) =>
    itemRows(a)
      .filter((r) => r.group)
      .map((r) => ({
        a,
        row: r,
        measure: carried(template, a, r.item.id).find((m) => lookup(template).measure(m)?.kind === "money")!,
        period: years[years.length - 1].id,
      })),
  );
}

/** Sets the sheet value of one figure (in the money unit for money, as printed). */
function plant(grids: Grid[], a: Appendix, item: string, m: string, p: string, v: number) {
  const pos = printedPosition(a, item, m, p)!;
  grids.find((g) => g.sheet === a.id)!.values[pos.row][pos.col] = v;
  return { pos, cell: sheetCell(a.id, pos.row, pos.col) };
}

const computedMeasure = (t: Template) => t.measures.find((m) => m.sumOf);
const hasNotes = (t: Template) => t.appendices.some((a) => leafColumns(a).some((l) => l.field === "note"));
const hasGroups = (t: Template) => t.appendices.some((a) => itemRows(a).some((r) => r.group));

describe.each(TEMPLATES)("template $id", (template) => {
  const { years } = lookup(template);
  const scale = template.money.dongPerUnit;

  it("passes checkTemplate and binds every data column of each appendix to exactly one measure and period", () => {
    expect(checkTemplate(structuredClone(template))).toEqual([]);
    for (const a of template.appendices) {
      const bound = leafColumns(a)
        .filter((l) => !l.field)
        .map((l) => `${l.measure}|${l.period}`);
      expect(new Set(bound).size).toBe(bound.length);
      const measures = a.measures ?? template.measures.map((m) => m.id);
      expect(bound.length).toBe(measures.length * template.periods.length);
    }
  });

  it("prints a blank workbook that reads back with no errors and no figures", () => {
    const { report, figures } = validateWorkbook(template, printed(template));
    expect(report.errors).toEqual([]);
    expect(Object.values(figures).flatMap((items) => Object.values(items))).toEqual([]);
  });

  it("prints a filled workbook that reads back valid, with every group, computed measure and total exact", () => {
    const leaves = unitLeaves(template, 4);
    const grids = printed(template, unitFigures(template, 4));
    const { report, figures } = validateWorkbook(template, grids);
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    expect(expectExact(template, leaves, figures)).toBeGreaterThan(0);
    expect(toFigureTree(template, figures)).toEqual(filledTree(template, 4));
    // Every group row is printed with its label on its own row.
    for (const a of template.appendices) {
      const sheet = grids.find((g) => g.sheet === a.id)!;
      for (const r of itemRows(a).filter((x) => x.group)) {
        const pos = printedPosition(a, r.item.id, carried(template, a, r.item.id)[0], years[0].id)!;
        expect(sheet.values[pos.row]).toContain(r.item.label);
      }
    }
  });

  it("takes the leaf figures as JSON and gives back complete figures with group rows and totals", () => {
    const leaves = unitLeaves(template, 7);
    const body = leafTree(template, 7);
    for (const a of template.appendices)
      for (const r of itemRows(a).filter((x) => x.group))
        for (const periods of Object.values(body[a.id]?.[r.item.id] ?? {})) expect(periods).toEqual({});
    const { report, figures } = validateJsonAppendices(template, body);
    expect(report.errors).toEqual([]);
    expect(report.valid).toBe(true);
    expectExact(template, leaves, figures);
    const tree = toFigureTree(template, figures);
    for (const a of template.appendices) {
      expect(tree[a.id][TOTAL_ROW]).toBeDefined();
      for (const r of itemRows(a)) expect(tree[a.id][r.item.id], `${a.id} ${r.item.id}`).toBeDefined();
    }
    // The complete tree sent back (groups, computed measures and totals given) agrees with itself.
    const again = validateJsonAppendices(template, tree);
    expect(again.report.errors).toEqual([]);
    expect(toFigureTree(template, again.figures)).toEqual(tree);
  });

  it.skipIf(!hasGroups(template))("refuses a wrong group subtotal at the group's cell (sheet and JSON)", () => {
    for (const { a, row, measure: m, period } of groupCells(template)) {
      const figures = unitFigures(template, 2);
      const grids = printed(template, figures);
      const right = getFigure(figures, a.id, row.item.id, m, period)!;
      const { pos, cell } = plant(grids, a, row.item.id, m, period, (right + scale) / scale);
      // The planted cell is on the group's printed row.
      expect(grids.find((g) => g.sheet === a.id)!.values[pos.row]).toContain(row.item.label);
      const { report } = validateWorkbook(template, grids);
      expect(report.valid).toBe(false);
      expect(report.errors.map((e) => [e.code, e.cell, e.item, e.measure, e.period])).toEqual([
        ["GROUP_TOTAL_MISMATCH", cell, row.item.id, m, period],
      ]);

      const tree = leafTree(template, 2);
      const full = toFigureTree(template, figures);
      tree[a.id][row.item.id] = { [m]: { [period]: full[a.id][row.item.id][m][period] } };
      expect(validateJsonAppendices(template, tree).report.errors).toEqual([]);
      tree[a.id][row.item.id][m][period] = String(Number(full[a.id][row.item.id][m][period]) + 1);
      const json = validateJsonAppendices(template, tree).report;
      expect(json.errors.map((e) => [e.code, e.appendix, e.item, e.measure, e.period, e.cell])).toEqual([
        ["GROUP_TOTAL_MISMATCH", a.id, row.item.id, m, period, cell],
      ]);
    }
  });

  it.skipIf(!computedMeasure(template))("refuses a wrong computed measure at its cell", () => {
    const sum = computedMeasure(template)!;
    for (const a of template.appendices) {
      if (!(a.measures ?? template.measures.map((m) => m.id)).includes(sum.id)) continue;
      const leaf = leafRows(a).find((r) => carried(template, a, r.item.id).includes(sum.id))!;
      const y = years[0].id;
      const figures = unitFigures(template, 5);
      const grids = printed(template, figures);
      const right = getFigure(figures, a.id, leaf.item.id, sum.id, y)!;
      expect(right).toBe(sum.sumOf!.reduce((s, part) => s + (getFigure(figures, a.id, leaf.item.id, part, y) ?? 0), 0));
      const { cell } = plant(grids, a, leaf.item.id, sum.id, y, (right + 2 * scale) / scale);
      const { report } = validateWorkbook(template, grids);
      expect(report.errors.map((e) => [e.code, e.cell, e.item, e.measure, e.period])).toEqual([
        ["MEASURE_SUM_MISMATCH", cell, leaf.item.id, sum.id, y],
      ]);
    }
  });

  it("refuses a figure for a measure a row does not carry, at its place", () => {
    // A money-only appendix when there is one, else an item that carries only some measures.
    const narrow = template.appendices.flatMap((a) =>
      leafRows(a)
        .map((r) => ({
          a,
          item: r.item.id,
          missing: template.measures.find((m) => !m.sumOf && !carried(template, a, r.item.id).includes(m.id)),
        }))
        .filter((x) => x.missing),
    );
    expect(narrow.length).toBeGreaterThan(0);
    const pick = narrow.find((x) => x.a.measures) ?? narrow[0];
    const y = years[1].id;
    const tree = leafTree(template, 1);
    (tree[pick.a.id][pick.item] ??= {})[pick.missing!.id] = { [y]: pick.missing!.kind === "money" ? "1" : 3 };
    const { report } = validateJsonAppendices(template, tree);
    expect(report.valid).toBe(false);
    const where = printedPosition(pick.a, pick.item, pick.missing!.id, y);
    expect(report.errors.map((e) => [e.code, e.appendix, e.item, e.measure, e.period, e.cell])).toEqual([
      [
        "MEASURE_NOT_APPLICABLE",
        pick.a.id,
        pick.item,
        pick.missing!.id,
        y,
        where ? sheetCell(pick.a.id, where.row, where.col) : null,
      ],
    ]);
  });

  it.skipIf(!hasGroups(template))(
    "refuses a figure typed on a group row for a measure the group does not carry",
    () => {
      const spot = template.appendices.flatMap((a) =>
        itemRows(a)
          .filter((r) => r.group)
          .flatMap((r) => {
            const m = template.measures.find(
              (x) =>
                !carried(template, a, r.item.id).includes(x.id) && printedPosition(a, r.item.id, x.id, years[0].id),
            );
            return m ? [{ a, item: r.item.id, m }] : [];
          }),
      )[0];
      if (!spot) return;
      const grids = printed(template, unitFigures(template, 3));
      const { cell } = plant(grids, spot.a, spot.item, spot.m.id, years[0].id, 5);
      const { report } = validateWorkbook(template, grids);
      expect(report.errors.map((e) => [e.code, e.cell, e.item, e.measure])).toEqual([
        ["MEASURE_NOT_APPLICABLE", cell, spot.item, spot.m.id],
      ]);
    },
  );

  it.skipIf(!hasNotes(template))("prints the notes in the note column and reads them back, groups included", () => {
    const notes: NoteTree = {};
    for (const a of template.appendices.filter((x) => leafColumns(x).some((l) => l.field === "note"))) {
      const rows = itemRows(a);
      notes[a.id] = { [rows[0].item.id]: `Ghi chú ${a.id} – dòng đầu`, [rows[rows.length - 1].item.id]: "Sở, ngành" };
    }
    const grids = template.appendices.map((a) => {
      const p = printAppendix(template, a, { figures: unitFigures(template, 1), notes });
      return { sheet: p.sheet, values: p.values.map((r) => [...r]), merges: p.merges };
    });
    const read = validateWorkbook(template, grids);
    expect(read.report.errors).toEqual([]);
    expect(read.notes).toEqual(notes);
    const json = validateJsonAppendices(template, leafTree(template, 1), undefined, notes);
    expect(json.report.errors).toEqual([]);
    expect(json.notes).toEqual(notes);
  });

  it("consolidates N units exactly: every row, groups and totals included, is the sum of the units'", () => {
    const n = 6;
    const trees = Array.from({ length: n }, (_, k) => filledTree(template, k));
    const sum = sumTrees(template, trees);
    const leaves: Figures = {};
    for (let k = 0; k < n; k++) {
      const unit = unitLeaves(template, k);
      for (const [a, items] of Object.entries(unit))
        for (const [i, ms] of Object.entries(items))
          for (const [m, ps] of Object.entries(ms))
            for (const [p, v] of Object.entries(ps)) {
              const at = (((leaves[a] ??= {})[i] ??= {})[m] ??= {}) as Record<string, number>;
              at[p] = Number(BigInt(at[p] ?? 0) + BigInt(v));
            }
    }
    expect(expectExact(template, leaves, sum)).toBeGreaterThan(0);
    // The consolidated figures are themselves consistent: they validate as a submission.
    const again = validateJsonAppendices(template, toFigureTree(template, sum), { comparePlan: false });
    expect(again.report.errors).toEqual([]);
  });
});

describe("the 2026–2030 sample template", () => {
  const sample = TEMPLATES.find((t) => t.id === "ct-2026-2030-mau")!;

  it("is labelled as an illustrative sample, not an issued document", () => {
    expect(sample.name).toMatch(/^MẪU MINH HỌA/);
    expect(sample.document.number).toMatch(/Mẫu minh họa/);
    expect(sample.document.title).toMatch(/MINH HỌA/);
    expect(sample.document.province?.name).toBe("Thành phố Cần Thơ");
    expect(sample.print?.signature?.place).toBe("Cần Thơ");
  });

  it("has what real forms print: three levels of rows, a money-only appendix, notes and a computed Tổng số", () => {
    expect(Math.max(...sample.appendices.flatMap((a) => itemRows(a).map((r) => r.depth)))).toBeGreaterThanOrEqual(2);
    expect(sample.appendices.some((a) => a.measures && !a.measures.includes("quantity"))).toBe(true);
    expect(sample.appendices.some((a) => leafColumns(a).some((l) => l.field === "note"))).toBe(true);
    expect(sample.measures.find((m) => m.id === "TONG")?.sumOf).toEqual(["NSTW", "NSDP"]);
    // The plan gives leaf year figures only: groups, computed measures and totals are derived.
    for (const a of sample.appendices) {
      const leaves = new Set(leafRows(a).map((r) => r.item.id));
      for (const [item, ms] of Object.entries(sample.plan![a.id] ?? {})) {
        expect(leaves.has(item), `${a.id} ${item}`).toBe(true);
        expect(Object.keys(ms)).not.toContain("TONG");
        for (const ps of Object.values(ms)) expect(Object.keys(ps)).not.toContain("total");
      }
    }
  });
});
