// One row per figure: a stable id (so runs diff line by line), what was measured, the figure,
// its budget and how it compares. Rendered as a Markdown table for the terminal and BENCH.md.

export type Verdict = "ok" | "MISSED" | "info" | "n/a" | "error";

export interface Row {
  id: string;
  measure: string;
  figure: string;
  budget: string;
  ratio: string;
  verdict: Verdict;
}

/** A budget "at most `limit`": ratio is measured ÷ limit. */
export function atMost(value: number, limit: number): Pick<Row, "ratio" | "verdict"> {
  const r = value / limit;
  return { ratio: `${r.toFixed(2)} of budget`, verdict: r <= 1 ? "ok" : "MISSED" };
}

/** A budget "at least `floor`" (a share of something, e.g. 0.4 of health): ratio is the share. */
export function atLeast(share: number, floor: number): Pick<Row, "ratio" | "verdict"> {
  return { ratio: `${(share * 100).toFixed(0)}% of health`, verdict: share >= floor ? "ok" : "MISSED" };
}

export function notAvailable(id: string, measure: string, budget: string, why: string): Row {
  return { id, measure, figure: `n/a (${why})`, budget, ratio: "—", verdict: "n/a" };
}

export function failed(id: string, measure: string, budget: string, err: unknown): Row {
  const text = String(err instanceof Error ? err.message : err)
    .split("\n")[0]
    .replace(/\|/g, "/")
    .slice(0, 160);
  return { id, measure, figure: `error: ${text}`, budget, ratio: "—", verdict: "error" };
}

export function renderTable(rows: Row[]): string {
  const head = ["#", "Measure", "Figure", "Budget", "Ratio", "Verdict"];
  const cells = rows.map((r) =>
    [r.id, r.measure, r.figure, r.budget, r.ratio, r.verdict].map((c) => c.replace(/\|/g, "/")),
  );
  const widths = head.map((h, k) => Math.max(h.length, ...cells.map((c) => c[k].length)));
  const line = (c: string[]) => `| ${c.map((x, k) => x.padEnd(widths[k])).join(" | ")} |`;
  return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...cells.map(line)].join("\n");
}
