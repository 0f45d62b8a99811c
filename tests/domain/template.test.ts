// The built-in template against the independent transcription of plan 157 and the seed's
// printed headers: same items, labels, units, column count and header texts, same plan figures.
import { describe, expect, it } from "vitest";
import {
  checkTemplate,
  getTemplate,
  leafColumns,
  listTemplates,
  planFigures,
  printAppendix,
  type Template,
} from "../../domain";
import { expectedTree, fixture, fixtureAppendix, itemIdOf, rebalance, treeToFigures } from "./support/fixture";
import { seedGrids } from "./support/grids";

const template = getTemplate("kh-157-2023")!;

describe("template kh-157-2023", () => {
  it("is listed, and passes its own checks", () => {
    expect(listTemplates().map((t) => t.id)).toContain("kh-157-2023");
    expect(getTemplate("no-such-plan")).toBeUndefined();
    expect(checkTemplate(template)).toEqual([]);
  });

  it.each(fixture.appendices.map((a) => [a.id]))("%s: items, labels, units and columns match the fixture", (id) => {
    const want = fixtureAppendix(id);
    const a = template.appendices.find((x) => x.id === id)!;
    expect(a.heading).toBe(want.heading);
    expect(a.title).toBe(want.title);
    expect(a.items.map((i) => [i.id, i.stt, i.label, i.unit ?? null])).toEqual(
      want.rows.map((r) => [itemIdOf(r.stt!), r.stt, r.label, r.unit ?? null]),
    );
    expect(a.totalRow.label).toBe(want.totalRow.label);
    expect(leafColumns(a)).toHaveLength(want.columns.length);
  });

  it.each(seedGrids().map((g, k) => [g.sheet, k]))(
    "%s: printed header rows are the seed's, cell for cell",
    (_sheet, k) => {
      const seed = seedGrids()[k];
      const printed = printAppendix(template, template.appendices[k]);
      const top = (rows: unknown[][]) => rows.findIndex((r) => r[0] === "STT");
      const rows = (g: { values: unknown[][] }, n: number) =>
        g.values
          .slice(top(g.values), top(g.values) + n)
          .map((r) => Array.from({ length: printed.values[0].length }, (_, c) => r[c] ?? null));
      const depth = printed.bodyStart - top(printed.values);
      expect(rows(printed, depth)).toEqual(rows(seed, depth));
    },
  );

  it("its own plan figures are the fixture's (totals included)", () => {
    expect(planFigures(template)).toEqual(treeToFigures(rebalance(expectedTree())));
    expect(planFigures(template)).toEqual(treeToFigures(expectedTree()));
  });

  it("a broken template is refused with reasons", () => {
    const broken = structuredClone(template) as Template;
    broken.appendices[0].items.push({ ...broken.appendices[0].items[0] });
    broken.appendices[1].columns = broken.appendices[1].columns.slice(0, 3);
    const problems = checkTemplate(broken);
    expect(problems.some((p) => p.startsWith("PL01"))).toBe(true);
    expect(problems.some((p) => p.startsWith("PL02"))).toBe(true);
  });
});
