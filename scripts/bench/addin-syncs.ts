// Add-in: context.sync() calls per action, counted by the instrumented in-memory Excel that the
// add-in's own tests use (tests/addin/support). run.mjs bundles those modules separately and
// hands them in, so this file (and the type-check) does not depend on the add-in being present.
import type { Grid, Template } from "../../domain";
import { validateWorkbook } from "../../domain";
import { consolidateCanonical } from "./domain";
import { canonicalSnapshots, template, unitCode } from "./fixtures";
import { atMost, failed, notAvailable, type Row } from "./table";

interface Profile {
  id: string;
  name: string;
  api: number;
}

interface HostOpts {
  caps?: { api: number };
  documentSettings?: unknown;
}

export interface AddinModules {
  adapter: {
    buildSheets(ctx: never, t: Template, opts?: HostOpts): Promise<unknown>;
    readSheets(ctx: never, t: Template, opts?: HostOpts): Promise<Grid[]>;
    checkSheets?(ctx: never, t: Template, opts?: HostOpts): Promise<unknown>;
    writeConsolidated(ctx: never, t: Template, report: never, opts?: HostOpts): Promise<unknown>;
    /** The support matrix (Excel 2016 volume licence to Microsoft 365); one newest host when absent. */
    HOST_PROFILES?: readonly Profile[];
  };
  FakeWorkbook: new (sheets?: string[]) => { api?: number; documentSettings?: unknown };
  runFake(book: object, fn: (ctx: never) => Promise<unknown>): Promise<{ ctx: { syncs: number } }>;
  typeSeedFigures?(book: object): number;
}

const LABELS = {
  A1: "Add-in: read + validate the appendix sheets (readSheets → validateWorkbook)",
  A2: "Add-in: build the three template sheets (buildSheets)",
  A3: "Add-in: write consolidated totals (writeConsolidated)",
} as const;
const BUDGETS = { A1: 2, A2: 3, A3: 2 } as const;

function row(id: keyof typeof LABELS, syncs: number, extra = "", profile?: Profile): Row {
  const on = profile ? ` — ${profile.name}, ExcelApi 1.${profile.api}` : "";
  return {
    id: profile ? `${id}.${profile.id}` : id,
    measure: LABELS[id] + on,
    figure: `${syncs} context.sync()${extra}`,
    budget: `≤ ${BUDGETS[id]} syncs`,
    ...atMost(syncs, BUDGETS[id]),
  };
}

export function addinUnavailable(why: string): Row[] {
  return (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((id) =>
    notAvailable(id, LABELS[id], `≤ ${BUDGETS[id]} syncs`, why),
  );
}

export function addinFailed(err: unknown): Row[] {
  return (Object.keys(LABELS) as (keyof typeof LABELS)[]).map((id) =>
    failed(id, LABELS[id], `≤ ${BUDGETS[id]} syncs`, err),
  );
}

/** The three budgets on every host profile of the support matrix. */
export async function addinRows(m: AddinModules): Promise<Row[]> {
  const profiles = m.adapter.HOST_PROFILES;
  if (!profiles?.length) return profileRows(m, undefined);
  const rows: Row[] = [];
  for (const p of profiles) rows.push(...(await profileRows(m, p)));
  return rows;
}

async function profileRows(m: AddinModules, profile: Profile | undefined): Promise<Row[]> {
  const syncs = async (book: object, fn: (ctx: never) => Promise<unknown>) => (await m.runFake(book, fn)).ctx.syncs;

  const book = new m.FakeWorkbook(["Sheet1"]);
  const opts: HostOpts = {};
  if (profile) {
    book.api = profile.api;
    opts.caps = { api: profile.api };
    opts.documentSettings = book.documentSettings;
  }
  const build = await syncs(book, (ctx) => m.adapter.buildSheets(ctx, template, opts));
  m.typeSeedFigures?.(book);

  let grids: Grid[] = [];
  const read = await syncs(book, async (ctx) => {
    grids = await m.adapter.readSheets(ctx, template, opts);
    const ev = validateWorkbook(template, grids);
    if (m.typeSeedFigures && !ev.report.valid)
      throw new Error(`typed seed figures do not validate: ${ev.report.errors[0]?.code}`);
  });
  if (grids.length !== template.appendices.length) throw new Error(`readSheets returned ${grids.length} grids`);
  const check = m.adapter.checkSheets ? await syncs(book, (ctx) => m.adapter.checkSheets!(ctx, template, opts)) : null;

  const units = 100;
  const report = {
    template: template.id,
    templateVersion: template.version,
    kind: "plan",
    basis: "latest",
    asOf: new Date().toISOString(),
    root: null,
    units: Array.from({ length: units }, (_, k) => ({
      unit: unitCode(k),
      version: 1,
      snapshot: `s-${k}`,
      sha256: "0".repeat(64),
    })),
    appendices: consolidateCanonical(canonicalSnapshots(units)),
    plan: null,
    percentOfPlan: {},
    hash: "ab".repeat(32),
  };
  const consolidated = await syncs(book, (ctx) => m.adapter.writeConsolidated(ctx, template, report as never, opts));

  return [
    row("A1", read, check === null ? "" : ` (checkSheets with cell marks: ${check})`, profile),
    row("A2", build, "", profile),
    row("A3", consolidated, ` (${units} units)`, profile),
  ];
}
