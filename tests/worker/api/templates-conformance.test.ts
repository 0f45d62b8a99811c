// Issue 16, "Done means": the same Worker suite over every built-in template — plan 157 and the
// illustrative 2026–2030 sample with nested rows. Each is served, read back from its blank
// workbook, takes a JSON submission (leaf figures only) and a filled .xlsx from two units, and
// consolidates them exactly into JSON, CSV and .xlsx with every group row and "Tổng cộng"; the
// dashboard prints the group rows. Expected sums are the two units' figures added with BigInt.
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Figures,
  type FigureTree,
  formatMoneyVi,
  getFigure,
  itemRows,
  lookup,
  planFigures,
  printAppendix,
  type Template,
  toFigureTree,
  TOTAL_ROW,
  validateWorkbook,
} from "../../../domain";
import { readXlsx, writeXlsx } from "../../../worker/xlsx";
import { html, request, signIn, textOf } from "../../pages/workerd/page-client";
import { leafTree, TEMPLATES, unitFigures } from "../../support/templates";
import { call, freshUnits, ok, tokenFor } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** The units' complete figures added cell by cell (exact: BigInt). */
function added(list: Figures[]): Figures {
  const out: Figures = {};
  for (const f of list)
    for (const [a, items] of Object.entries(f))
      for (const [i, ms] of Object.entries(items))
        for (const [m, ps] of Object.entries(ms))
          for (const [p, v] of Object.entries(ps)) {
            const at = (((out[a] ??= {})[i] ??= {})[m] ??= {}) as Record<string, number>;
            at[p] = Number(BigInt(at[p] ?? 0) + BigInt(v));
          }
  return out;
}

/** RFC 4180 rows (the programs' CSV quotes labels holding commas). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let k = 0; k < text.length; k++) {
    const ch = text[k];
    if (quoted) {
      if (ch === '"' && text[k + 1] === '"') ((field += '"'), k++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") (row.push(field), (field = ""));
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[k + 1] === "\n") k++;
      (row.push(field), rows.push(row), (row = []), (field = ""));
    } else field += ch;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

/** Every non-empty figure of a tree as "appendix|item|measure|period" → text. */
function cells(tree: FigureTree): Map<string, string> {
  const out = new Map<string, string>();
  for (const [a, items] of Object.entries(tree))
    for (const [i, ms] of Object.entries(items))
      for (const [m, ps] of Object.entries(ms))
        for (const [p, v] of Object.entries(ps)) out.set(`${a}|${i}|${m}|${p}`, String(v));
  return out;
}

describe.each(TEMPLATES)("template $id through the Worker", (template: Template) => {
  let root = "";
  let units: string[] = [];
  let leader = "";
  /** What the two units send: unit 0 as JSON (leaves only), unit 1 as a filled workbook. */
  const figures = [unitFigures(template, 3), unitFigures(template, 8)];
  const expected = toFigureTree(template, added(figures));
  const groups = template.appendices.flatMap((a) =>
    itemRows(a)
      .filter((r) => r.group)
      .map((r) => ({ a: a.id, id: r.item.id, label: r.item.label })),
  );

  beforeAll(async () => {
    ({ root, units } = await freshUnits(2));
    leader = await tokenFor("leader");
  });

  it("is served whole by GET /api/templates/{id} and listed", async () => {
    const served = await ok(await call(`/api/templates/${template.id}`));
    expect(served).toEqual(JSON.parse(JSON.stringify(template)));
    const list = await ok(await call("/api/templates"));
    expect(list.templates.map((t: { id: string }) => t.id)).toContain(template.id);
  });

  it("its blank workbook route reads back as the template with no figures and no errors", async () => {
    const res = await call(`/api/templates/${template.id}/workbook`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    const grids = readXlsx(new Uint8Array(await res.arrayBuffer()));
    expect(grids.map((g) => g.sheet)).toEqual(template.appendices.map((a) => a.id));
    const read = validateWorkbook(template, grids);
    expect(read.report.errors).toEqual([]);
    const text = grids.flatMap((g) => g.values.flat()).filter((v) => typeof v === "string");
    for (const g of groups) expect(text).toContain(g.label);
  });

  it("takes unit 1's leaf figures as JSON and unit 2's filled workbook, then consolidates them exactly", async () => {
    const tokens = [await tokenFor("submitter", units[0]), await tokenFor("submitter", units[1])];
    const json = await ok(
      await call("/api/submissions", {
        token: tokens[0],
        json: { template: template.id, unit: units[0], kind: "plan", appendices: leafTree(template, 3) },
      }),
      201,
    );
    const detail = await ok(await call(`/api/submissions/${json.id}`, { token: tokens[0] }));
    expect(detail.submission.appendices).toEqual(toFigureTree(template, figures[0]));

    const bytes = writeXlsx(
      template.appendices.map((a) => printAppendix(template, a, { figures: figures[1], formulas: true })),
    );
    const upload = await ok(
      await call(`/api/submissions?template=${template.id}&unit=${units[1]}&kind=plan`, {
        token: tokens[1],
        body: new Uint8Array(bytes),
        headers: { "Content-Type": XLSX, "X-File-Name": "don-vi.xlsx" },
      }),
      201,
    );
    const uploaded = await ok(await call(`/api/submissions/${upload.id}`, { token: tokens[1] }));
    expect(uploaded.submission.appendices).toEqual(toFigureTree(template, figures[1]));

    const report = await ok(await call(`/api/consolidated?template=${template.id}&unit=${root}`, { token: leader }));
    expect(report.appendices).toEqual(expected);
    // Every group row and every "Tổng cộng" carries figures.
    const filled = (a: string, i: string) => cells({ [a]: { [i]: report.appendices[a][i] } }).size;
    for (const g of groups) expect(filled(g.a, g.id), `${g.a} ${g.id}`).toBeGreaterThan(0);
    for (const a of template.appendices) expect(filled(a.id, TOTAL_ROW), a.id).toBeGreaterThan(0);
  });

  it("exports the consolidation as CSV and .xlsx with every group row and total, exact", async () => {
    const q = `template=${template.id}&unit=${root}`;
    const csv = await call(`/api/consolidated?${q}&format=csv`, { token: leader });
    expect(csv.status).toBe(200);
    const [head, ...rows] = csvRows((await csv.text()).replace(/^\ufeff/, "").trim());
    const col = (name: string) => head.indexOf(name);
    const fromCsv = new Map(
      rows.map((r) => [
        [r[col("appendix")], r[col("item")], r[col("measure")], r[col("period")]].join("|"),
        r[col("value")],
      ]),
    );
    const want = cells(expected);
    for (const [k, v] of want) expect(fromCsv.get(k), k).toBe(v);
    expect([...fromCsv.values()].filter((v) => v !== "")).toHaveLength(want.size);
    for (const g of groups) expect(rows.some((r) => r[col("item")] === g.id && r[col("label")] === g.label)).toBe(true);

    const xlsx = await call(`/api/consolidated?${q}&format=xlsx`, { token: leader });
    expect(xlsx.status).toBe(200);
    const grids = readXlsx(new Uint8Array(await xlsx.arrayBuffer()));
    const read = validateWorkbook(template, grids, { comparePlan: false });
    expect(read.report.errors).toEqual([]);
    expect(toFigureTree(template, read.figures)).toEqual(expected);
  });

  it("the dashboard prints every group row of the consolidation", async () => {
    const cookie = await signIn(leader);
    const page = await html(await request(`/dashboard?template=${template.id}&kind=plan`, { cookie }));
    for (const a of template.appendices) {
      expect(page).toContain(`id="printed-${a.id}"`);
      for (const r of itemRows(a)) expect(page, `${a.id} ${r.item.id}`).toContain(`data-item="${r.item.id}"`);
    }
    const text = textOf(page);
    for (const g of groups) expect(text).toContain(g.label);
    // The per-item chart adds the funding sources, never a computed "Tổng số" on top of them.
    const sources = template.measures.filter((m) => m.kind === "money" && !m.sumOf);
    const desc = /<desc id="chart-items-desc">([^<]*)<\/desc>/.exec(page)![1];
    expect(desc).toContain(`(${sources.map((m) => m.short ?? m.label).join(" + ")}, `);
    const plan = planFigures(template)!;
    const { totalPeriod } = lookup(template);
    for (const a of template.appendices) {
      const first = itemRows(a)[0].item;
      const funding = sources.reduce(
        (s, m) => s + BigInt(getFigure(plan, a.id, first.id, m.id, totalPeriod.id) ?? 0),
        0n,
      );
      const name = `${a.id} · ${first.stt} ${first.label}: `;
      const spoken = desc.slice(desc.indexOf(name) + name.length).split(";")[0];
      expect(spoken, `${a.id} ${first.id}`).toMatch(
        new RegExp(`^[^,]*\\b${formatMoneyVi(Number(funding), template.money).replace(/\./g, "\\.")}(,|$)`),
      );
    }
  });
});
