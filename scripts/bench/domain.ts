// Domain: validation of a full workbook (grids) and of a JSON submission; consolidation of
// 100 / 1,000 / 10,000 stored snapshots from their packed figures (decision 0022), per snapshot,
// to show growth.
import { type FigureTree, sumTrees, toFigureTree, validateJsonAppendices, validateWorkbook } from "../../domain";
import { Accumulator, packTree } from "../../domain/consolidate/sum-trees";
import { readXlsx } from "../../worker/xlsx";
import { canonicalSnapshots, planWorkbook, submissionJson, template } from "./fixtures";
import { count, ms, type Repeat, timeSync, us } from "./stats";
import { atMost, type Row } from "./table";

export interface DomainOptions {
  repeat: Repeat;
  /** Snapshot counts to consolidate, smallest first. */
  sizes: number[];
  /** Runs for the largest size (each takes a while). */
  bigRuns: number;
}

/** What GET /api/consolidated does with the rows D1 returns, minus the plan comparison and hash. */
export function consolidateCanonical(rows: string[]): FigureTree {
  const trees = rows.map((s) => (JSON.parse(s) as { appendices: FigureTree }).appendices);
  return toFigureTree(template, sumTrees(template, trees));
}

/**
 * The packed figures column of N stored snapshots (decision 0022), as D1 returns it: one JSON
 * text per row, each its own copy (packTree of the same canonical snapshots, computed at submission).
 */
export function packedSnapshots(n: number): string[] {
  return canonicalSnapshots(n).map((s) =>
    JSON.stringify(packTree(template, (JSON.parse(s) as { appendices: FigureTree }).appendices)),
  );
}

/** What a cache miss of GET /api/consolidated does with the rows: parse each packed array, add, write back. */
export function consolidatePacked(rows: string[]): FigureTree {
  const acc = new Accumulator(template);
  for (const text of rows) acc.addPacked(JSON.parse(text) as number[]);
  return toFigureTree(template, acc.figures());
}

export function domainRows(opts: DomainOptions): Row[] {
  const rows: Row[] = [];
  const grids = readXlsx(planWorkbook());
  const check = validateWorkbook(template, grids);
  if (!check.report.valid) throw new Error(`plan workbook does not validate: ${check.report.errors[0]?.code}`);
  const wb = timeSync(() => validateWorkbook(template, grids), opts.repeat);
  rows.push({
    id: "D1",
    measure: "Validate full plan-157 workbook (3 grids → report)",
    figure: `${ms(wb.median)} ms`,
    budget: "≤ 10 ms per request (part of it)",
    ...atMost(wb.median, 10),
  });

  const body = submissionJson("950", 3);
  const json = validateJsonAppendices(template, body.appendices);
  if (!json.report.valid) throw new Error(`JSON submission does not validate: ${json.report.errors[0]?.code}`);
  const js = timeSync(() => validateJsonAppendices(template, body.appendices), opts.repeat);
  rows.push({
    id: "D2",
    measure: "Validate JSON submission (all cells, totals given)",
    figure: `${ms(js.median)} ms`,
    budget: "≤ 10 ms per request (part of it)",
    ...atMost(js.median, 10),
  });

  // Per-snapshot cost at each size; "linear" means it stays within 1.5× of the smallest size's.
  const per: number[] = [];
  opts.sizes.forEach((n, k) => {
    const snapshots = packedSnapshots(n);
    // The packed path gives exactly the canonical path's totals.
    if (
      k === 0 &&
      JSON.stringify(consolidatePacked(snapshots)) !== JSON.stringify(consolidateCanonical(canonicalSnapshots(n)))
    )
      throw new Error("packed and canonical consolidation differ");
    const big = k === opts.sizes.length - 1;
    const repeat = big
      ? { warmup: 1, runs: opts.bigRuns }
      : {
          warmup: Math.max(2, Math.ceil(opts.repeat.warmup / 10)),
          runs: Math.max(5, Math.ceil(opts.repeat.runs / 10)),
          warmupMs: opts.repeat.warmupMs,
        };
    const t = timeSync(() => consolidatePacked(snapshots), repeat);
    const perSnapshot = (t.median * 1000) / n;
    per.push(perSnapshot);
    const growth = perSnapshot / per[0];
    const measure = `Consolidate ${count(n)} snapshots (packed figures: parse → add → toFigureTree)`;
    const figure = `${ms(t.median)} ms = ${us(perSnapshot)} µs/snapshot`;
    if (k === 0) {
      const scaled = n === 100 ? "" : " (scaled to 100)";
      const v = atMost(t.median * (100 / n), 10);
      rows.push({
        id: "D3",
        measure,
        figure,
        budget: "100 units ≪ 10 ms",
        ratio: v.ratio + scaled,
        verdict: v.verdict,
      });
    } else if (!big) {
      rows.push({
        id: "D4",
        measure,
        figure,
        budget: "linear: ≤ 1.5× D3 per snapshot",
        ratio: `${growth.toFixed(2)}× D3 per snapshot`,
        verdict: growth <= 1.5 ? "ok" : "MISSED",
      });
    } else {
      const v = atMost(t.median * (10_000 / n), 1000);
      const scaled = n === 10_000 ? "" : " (scaled to 10,000)";
      rows.push({
        id: "D5",
        measure,
        figure: `${figure}, ${growth.toFixed(2)}× D3 per snapshot`,
        budget: "10,000 in < 1 s, linear",
        ratio: v.ratio + scaled,
        verdict: v.verdict === "ok" && growth <= 1.5 ? "ok" : "MISSED",
      });
    }
  });
  return rows;
}
