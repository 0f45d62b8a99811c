// Consolidation with nested rows (issue 16): the first built-in template whose appendices have
// group rows (chosen by its shape, not its name), 100 and 1,000 stored snapshots from their
// canonical JSON, each snapshot holding its group rows, computed measures and totals as the
// Worker stores them. Checked exact before it is timed: every cell, groups and "Tổng cộng"
// included, equals the units' figures added with BigInt.
import {
  canonicalJson,
  completeTotals,
  type Figures,
  type FigureTree,
  getFigure,
  itemRows,
  leafRows,
  listTemplates,
  lookup,
  planFigures,
  sumTrees,
  type Template,
  toFigureTree,
  TOTAL_ROW,
} from "../../domain";
import { count, ms, type Repeat, timeSync, us } from "./stats";
import { atMost, type Row } from "./table";

export interface NestedOptions {
  repeat: Repeat;
  /** Snapshot counts to consolidate, smallest first (100 and 1,000 in the full run). */
  sizes: number[];
}

/** The first built-in template with group rows. */
export function nestedTemplate(): Template {
  const t = listTemplates().find((x) => x.appendices.some((a) => itemRows(a).some((r) => r.group)));
  if (!t) throw new Error("no built-in template has nested rows");
  return t;
}

/** Unit `k`'s figures: the plan's leaf year figures scaled by 5–65 %, everything else computed. */
function unitFigures(template: Template, k: number): Figures {
  const plan = planFigures(template);
  if (!plan) throw new Error(`${template.id} has no plan`);
  const { measure } = lookup(template);
  const share = (1 + (k % 13)) / 20;
  const given: Figures = {};
  for (const a of template.appendices)
    for (const { item } of leafRows(a))
      for (const m of template.measures) {
        if (measure(m.id)?.sumOf) continue;
        for (const p of template.periods) {
          const v = plan[a.id]?.[item.id]?.[m.id]?.[p.id];
          if (p.total || v === undefined) continue;
          const scaled =
            m.kind === "money" ? Math.round((v * share) / 1000) * 1000 : v && Math.max(1, Math.round(v * share));
          (((given[a.id] ??= {})[item.id] ??= {})[m.id] ??= {})[p.id] = scaled;
        }
      }
  const { figures, issues } = completeTotals(template, given);
  if (issues.length) throw new Error(`nested bench fixture: ${issues[0].code}`);
  return figures;
}

/** `n` canonical snapshots; 97 distinct figure sets cycled (every string parsed afresh). */
function snapshots(template: Template, n: number): { rows: string[]; figures: Figures[] } {
  const distinct = Array.from({ length: Math.min(n, 97) }, (_, k) => unitFigures(template, k));
  const rows = Array.from({ length: n }, (_, k) =>
    canonicalJson({
      template: template.id,
      templateVersion: template.version,
      unit: `U${k}`,
      kind: "plan",
      appendices: toFigureTree(template, distinct[k % distinct.length]),
    }),
  );
  return { rows, figures: Array.from({ length: n }, (_, k) => distinct[k % distinct.length]) };
}

function consolidate(template: Template, rows: string[]): Figures {
  return sumTrees(
    template,
    rows.map((s) => (JSON.parse(s) as { appendices: FigureTree }).appendices),
  );
}

/** Every cell of every row (groups and totals included) equals the units' figures added exactly. */
function checkExact(template: Template, sum: Figures, units: Figures[]): number {
  let cells = 0;
  for (const a of template.appendices)
    for (const i of [...itemRows(a).map((r) => r.item.id), TOTAL_ROW])
      for (const m of template.measures)
        for (const p of template.periods) {
          let want: bigint | undefined;
          for (const f of units) {
            const v = getFigure(f, a.id, i, m.id, p.id);
            if (v !== undefined) want = (want ?? 0n) + BigInt(v);
          }
          const got = getFigure(sum, a.id, i, m.id, p.id);
          if ((got === undefined ? undefined : BigInt(got)) !== want)
            throw new Error(`nested consolidation not exact at ${a.id}/${i}/${m.id}/${p.id}: ${got} ≠ ${want}`);
          if (want !== undefined) cells++;
        }
  return cells;
}

export function nestedRows(opts: NestedOptions): Row[] {
  const template = nestedTemplate();
  const rows: Row[] = [];
  const per: number[] = [];
  opts.sizes.forEach((n, k) => {
    const { rows: stored, figures } = snapshots(template, n);
    const cells = checkExact(template, consolidate(template, stored), figures);
    const t = timeSync(() => toFigureTree(template, consolidate(template, stored)), {
      warmup: Math.max(2, Math.ceil(opts.repeat.warmup / 10)),
      runs: Math.max(5, Math.ceil(opts.repeat.runs / 10)),
      warmupMs: opts.repeat.warmupMs,
    });
    const perUnit = (t.median * 1000) / n;
    per.push(perUnit);
    const measure = `Consolidate ${count(n)} snapshots, nested rows (${template.id}, ${count(cells)} exact cells)`;
    const figure = `${ms(t.median)} ms = ${us(perUnit)} µs/unit`;
    if (k === 0) {
      const v = atMost(t.median * (100 / n), 10);
      rows.push({
        id: "N1",
        measure,
        figure,
        budget: "100 units ≪ 10 ms",
        ratio: v.ratio + (n === 100 ? "" : " (scaled to 100)"),
        verdict: v.verdict,
      });
    } else {
      const growth = perUnit / per[0];
      rows.push({
        id: `N${k + 1}`,
        measure,
        figure,
        budget: "linear: ≤ 1.5× N1 per unit",
        ratio: `${growth.toFixed(2)}× N1 per unit`,
        verdict: growth <= 1.5 ? "ok" : "MISSED",
      });
    }
  });
  return rows;
}
