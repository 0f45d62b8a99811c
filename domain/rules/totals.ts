// Arithmetic rules, as the seed does it: each item's phase total equals the sum of its
// years; the "Tổng cộng" row equals the sum of the items for every column it prints.
// Given totals are checked and then replaced by computed ones, so figures are complete.
import { addExact } from "../money/money";
import type { Appendix, Template } from "../template/model";
import { type Figures, getFigure, setFigure, TOTAL_ROW } from "../submission/model";
import { appendixMeasures, lookup } from "../template/lookup";
import { itemRows, summands, topLevelIds } from "../template/rows";
import { formatFigure } from "./format-figure";
import { type Issue, issue } from "./issue";
import type { Locator } from "./locate";

function sum(values: (number | undefined)[]): number | undefined {
  let total: number | undefined;
  for (const v of values) if (v !== undefined) total = addExact(total ?? 0, v);
  return total;
}

/** The measures an item carries: its own, else its appendix's (checkTemplate keeps them within the appendix's). */
export function itemMeasures(template: Template, appendix: Appendix, item: { measures?: string[] }): string[] {
  return item.measures ?? appendixMeasures(template, appendix).map((m) => m.id);
}

/** The rows whose figures a group row (or TOTAL_ROW) adds up for measure `m` (see `summands`). */
export function rowParts(template: Template, appendix: Appendix, id: string, m: string): string[] {
  const at = lookup(template);
  const children = id === TOTAL_ROW ? topLevelIds(appendix) : (at.row(appendix.id, id)?.children ?? []);
  return summands(
    children,
    (item) => itemMeasures(template, appendix, item).includes(m),
    (c) => at.row(appendix.id, c),
  );
}

/** The key of one figure, for sets of cells: "PL01|1|NSTW|2023". */
export function figureKey(a: string, i: string, m: string, p: string): string {
  return `${a}|${i}|${m}|${p}`;
}

/** What a sum cell adds up, for messages: "NSTW + NSĐP". */
function partsText(template: Template, ids: string[]): string {
  const { measure } = lookup(template);
  return ids.map((id) => measure(id)?.short ?? measure(id)?.label ?? id).join(" + ");
}

/**
 * Complete figures (with computed totals) from given ones; issues where given totals disagree.
 * Computed in dependency order: each leaf's phase totals, then its computed measures ("Tổng số" =
 * NSTW + NSĐP), then each group from its children (deepest first), then "Tổng cộng" from the
 * top-level rows. A given total is checked against the computed one and then replaced by it.
 * `rejected` holds the figures that were typed but refused (not a number, too many decimals…):
 * a total that depends on one of them is not checked, because the person's one mistake is
 * already reported where it was made, and the sum without it would only mislead.
 */
export function completeTotals(
  template: Template,
  given: Figures,
  where?: Locator,
  rejected: ReadonlySet<string> = new Set(),
): { figures: Figures; issues: Issue[] } {
  const figures: Figures = {};
  const issues: Issue[] = [];
  const { years: yearPeriods, totalPeriod, measure } = lookup(template);
  const years = yearPeriods.map((p) => p.id);
  const phase = totalPeriod.id;
  const periods = [...years, phase];
  /** Figures already wrong or unknown: refused inputs and the totals found to disagree. */
  const doubtful = new Set(rejected);
  const check = (
    a: string,
    i: string,
    m: string,
    p: string,
    expected: number | undefined,
    code: SumCode,
    extra: Record<string, string> = {},
  ) => {
    const actual = getFigure(given, a, i, m, p);
    if (actual === undefined || actual === (expected ?? 0)) return;
    doubtful.add(figureKey(a, i, m, p));
    const show = (v: number | undefined) => formatFigure(template, measure(m), v ?? 0);
    issues.push(
      issue(
        code,
        { appendix: a, item: i, measure: m, period: p, cell: where?.(a, i, m, p) },
        { actual: show(actual), expected: show(expected), ...extra },
      ),
    );
  };
  /** Sets a computed figure from its parts, checking a given one unless a part is doubtful. */
  const derive = (
    a: string,
    i: string,
    m: string,
    p: string,
    parts: [string, string, string][],
    code: SumCode,
    extra?: Record<string, string>,
  ) => {
    const total = sum(parts.map(([pi, pm, pp]) => getFigure(figures, a, pi, pm, pp)));
    if (parts.some(([pi, pm, pp]) => doubtful.has(figureKey(a, pi, pm, pp)))) doubtful.add(figureKey(a, i, m, p));
    else check(a, i, m, p, total, code, extra);
    if (total !== undefined) setFigure(figures, a, i, m, p, total);
  };

  for (const appendix of template.appendices) {
    const a = appendix.id;
    const rows = itemRows(appendix);
    for (const { item, group } of rows) {
      if (group) continue;
      const carried = itemMeasures(template, appendix, item);
      for (const m of carried) {
        if (measure(m)?.sumOf) continue;
        years.forEach((y) => {
          const v = getFigure(given, a, item.id, m, y);
          if (v !== undefined) setFigure(figures, a, item.id, m, y, v);
        });
        derive(
          a,
          item.id,
          m,
          phase,
          years.map((y) => [item.id, m, y]),
          "PERIOD_TOTAL_MISMATCH",
        );
      }
      for (const m of carried) {
        const parts = measure(m)?.sumOf;
        if (!parts) continue;
        for (const p of periods)
          derive(
            a,
            item.id,
            m,
            p,
            parts.map((c) => [item.id, c, p]),
            "MEASURE_SUM_MISMATCH",
            { parts: partsText(template, parts) },
          );
      }
    }
    // Deepest groups first: in reversed printed order every child comes before its group.
    for (const row of [...rows].reverse()) {
      if (!row.group) continue;
      const groupText = `${row.item.stt} ${row.item.label}`.trim();
      for (const m of itemMeasures(template, appendix, row.item))
        for (const p of periods)
          derive(
            a,
            row.item.id,
            m,
            p,
            rowParts(template, appendix, row.item.id, m).map((c) => [c, m, p]),
            "GROUP_TOTAL_MISMATCH",
            { group: groupText },
          );
    }
    for (const m of appendix.totalRow.measures)
      for (const p of periods)
        derive(
          a,
          TOTAL_ROW,
          m,
          p,
          rowParts(template, appendix, TOTAL_ROW, m).map((i) => [i, m, p]),
          "GRAND_TOTAL_MISMATCH",
        );
  }
  return { figures, issues };
}

type SumCode = "PERIOD_TOTAL_MISMATCH" | "GRAND_TOTAL_MISMATCH" | "GROUP_TOTAL_MISMATCH" | "MEASURE_SUM_MISMATCH";
