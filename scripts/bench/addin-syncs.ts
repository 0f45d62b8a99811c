// Add-in: context.sync() calls per action, counted by the instrumented in-memory Excel that the
// add-in's own tests use (tests/addin/support). run.mjs bundles those modules separately and
// hands them in, so this file (and the type-check) does not depend on the add-in being present.
import type { Grid, Template } from "../../domain";
import { validateWorkbook } from "../../domain";
import { consolidateCanonical } from "./domain";
import { canonicalSnapshots, template, unitCode } from "./fixtures";
import { atMost, failed, notAvailable, type Row } from "./table";

export interface AddinModules {
  adapter: {
    buildSheets(ctx: never, t: Template): Promise<unknown>;
    readSheets(ctx: never, t: Template): Promise<Grid[]>;
    checkSheets?(ctx: never, t: Template): Promise<unknown>;
    writeConsolidated(ctx: never, t: Template, report: never): Promise<unknown>;
  };
  FakeWorkbook: new (sheets?: string[]) => object;
  runFake(book: object, fn: (ctx: never) => Promise<unknown>): Promise<{ ctx: { syncs: number } }>;
  typeSeedFigures?(book: object): number;
}

const LABELS = {
  A1: "Add-in: read + validate the appendix sheets (readSheets → validateWorkbook)",
  A2: "Add-in: build the three template sheets (buildSheets)",
  A3: "Add-in: write consolidated totals (writeConsolidated)",
} as const;
const BUDGETS = { A1: 2, A2: 3, A3: 2 } as const;

function row(id: keyof typeof LABELS, syncs: number, extra = ""): Row {
  return { id, measure: LABELS[id], figure: `${syncs} context.sync()${extra}`, budget: `≤ ${BUDGETS[id]} syncs`, ...atMost(syncs, BUDGETS[id]) };
}

export function addinUnavailable(why: string): Row[] {
  return (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((id) => notAvailable(id, LABELS[id], `≤ ${BUDGETS[id]} syncs`, why));
}

export function addinFailed(err: unknown): Row[] {
  return (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((id) => failed(id, LABELS[id], `≤ ${BUDGETS[id]} syncs`, err));
}

export async function addinRows(m: AddinModules): Promise<Row[]> {
  const syncs = async (book: object, fn: (ctx: never) => Promise<unknown>) => (await m.runFake(book, fn)).ctx.syncs;

  const book = new m.FakeWorkbook(["Sheet1"]);
  const build = await syncs(book, (ctx) => m.adapter.buildSheets(ctx, template));
  m.typeSeedFigures?.(book);

  let grids: Grid[] = [];
  const read = await syncs(book, async (ctx) => {
    grids = await m.adapter.readSheets(ctx, template);
    const ev = validateWorkbook(template, grids);
    if (m.typeSeedFigures && !ev.report.valid) throw new Error(`typed seed figures do not validate: ${ev.report.errors[0]?.code}`);
  });
  if (grids.length !== template.appendices.length) throw new Error(`readSheets returned ${grids.length} grids`);
  const check = m.adapter.checkSheets ? await syncs(book, (ctx) => m.adapter.checkSheets!(ctx, template)) : null;

  const units = 100;
  const report = {
    template: template.id, templateVersion: template.version, kind: "plan", basis: "latest", asOf: new Date().toISOString(), root: null,
    units: Array.from({ length: units }, (_, k) => ({ unit: unitCode(k), version: 1, snapshot: `s-${k}`, sha256: "0".repeat(64) })),
    appendices: consolidateCanonical(canonicalSnapshots(units)), plan: null, percentOfPlan: {}, hash: "ab".repeat(32),
  };
  const consolidated = await syncs(book, (ctx) => m.adapter.writeConsolidated(ctx, template, report as never));

  return [
    row("A1", read, check === null ? "" : ` (checkSheets with cell marks: ${check})`),
    row("A2", build),
    row("A3", consolidated, ` (${units} units)`),
  ];
}
