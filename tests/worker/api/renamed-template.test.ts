// Issue 14: the Worker takes every id from the template. Plan 157's template with its template
// id, phase-total period, report kinds, appendices and measures renamed is stored through the
// admin route and then used end to end: a JSON submission and an .xlsx upload, consolidated
// totals as JSON, CSV and .xlsx, the status board and locks. Report kinds are the template's
// own ("du-toan", "quyet-toan"); "plan" and "execution" are refused naming the allowed ones.
import { beforeAll, describe, expect, it } from "vitest";
import { type FigureTree, figuresFromTree, lookup, printAppendix, type Template, TOTAL_ROW } from "../../../domain";
import { readXlsx, writeXlsx } from "../../../worker/xlsx";
import { RENAMED, renamedTemplate, toRenamedTree } from "../../support/renamed-template";
import { ADMIN, call, fixtureTree, freshUnits, ok, splitPlan, tokenFor } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const [PLAN, EXECUTION] = [RENAMED.kinds.plan, RENAMED.kinds.execution];
const TOTAL = RENAMED.total;

/** The renamed template under an id of this file's own, so its locks and expected units meet no other test. */
const template: Template = { ...renamedTemplate(), id: `${RENAMED.template}-${Date.now().toString(36)}` };
let root = "";
let units: string[] = [];
let tokens: string[] = [];
let leader = "";
let reviewer = "";
/** Each unit's share of the plan's year figures, in the renamed ids. */
let parts: FigureTree[] = [];

const body = (unit: string, appendices: unknown, kind = PLAN) => ({ template: template.id, unit, kind, appendices });

function workbook(tree: FigureTree): Uint8Array<ArrayBuffer> {
  const figures = figuresFromTree(template, tree);
  return new Uint8Array(
    writeXlsx(template.appendices.map((a) => printAppendix(template, a, { figures, formulas: true }))),
  );
}

const upload = (token: string, unit: string, bytes: Uint8Array<ArrayBuffer>, kind = PLAN) =>
  call(`/api/submissions?template=${template.id}&unit=${unit}&kind=${kind}`, {
    token,
    body: bytes,
    headers: { "Content-Type": XLSX, "X-File-Name": "bieu.xlsx" },
  });

beforeAll(async () => {
  await ok(await call("/api/templates", { token: ADMIN, json: template }), 201);
  ({ root, units } = await freshUnits(2));
  tokens = await Promise.all(units.map((u) => tokenFor("submitter", u)));
  [leader, reviewer] = await Promise.all([tokenFor("leader"), tokenFor("reviewer")]);
  await ok(await call("/api/admin/expected-units", { token: ADMIN, json: { template: template.id, units } }));
  parts = splitPlan(2).map((p) => toRenamedTree(p as FigureTree));
});

describe("a template whose ids are not plan 157's, through the Worker", () => {
  it("is served back as stored, with its own kinds", async () => {
    const served = await ok<Template>(await call(`/api/templates/${template.id}`));
    expect(served.kinds.map((k) => k.id)).toEqual([PLAN, EXECUTION]);
    expect(served.periods.find((p) => p.total)?.id).toBe(TOTAL);
  });

  it("takes a JSON submission and an .xlsx built from the template, and consolidates them to the plan (JSON, CSV, .xlsx)", async () => {
    const json = await ok(await call("/api/submissions", { token: tokens[0], json: body(units[0], parts[0]) }), 201);
    expect(json).toMatchObject({ template: template.id, kind: PLAN, version: 1, status: "submitted" });
    const file = await ok(await upload(tokens[1], units[1], workbook(parts[1])), 201);
    expect(file).toMatchObject({ template: template.id, kind: PLAN, source: "upload", version: 1 });
    // The upload was read under the renamed ids: its stored figures carry the renamed phase total.
    const stored = await ok(await call(`/api/submissions/${file.id}`, { token: tokens[1] }));
    expect(Object.keys(stored.submission.appendices).sort()).toEqual(["BIEU-A", "BIEU-B", "BIEU-C"]);
    expect(stored.submission.appendices["BIEU-A"][TOTAL_ROW]["trung-uong"][TOTAL]).toBeDefined();

    // kind defaults to the template's first kind (no "plan" written anywhere).
    const report = await ok(await call(`/api/consolidated?template=${template.id}&unit=${root}`, { token: leader }));
    expect(report.kind).toBe(PLAN);
    expect(report.units.map((u: { unit: string }) => u.unit).sort()).toEqual([...units].sort());
    expect(report.appendices).toEqual(toRenamedTree(fixtureTree() as FigureTree));
    expect(report.appendices["BIEU-A"][TOTAL_ROW]["trung-uong"][TOTAL]).toBe("3921.03");
    expect(report.percentOfPlan["BIEU-A"]["1"]["trung-uong"]["2023"]).toBe(100);

    const csv = await call(`/api/consolidated?template=${template.id}&kind=${PLAN}&unit=${root}&format=csv`, {
      token: leader,
    });
    expect(csv.status).toBe(200);
    const lines = (await csv.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    expect(lines).toContain("BIEU-A,total,,Tổng cộng,trung-uong,ca-giai-doan,3921.03,3921.03,100");
    expect(
      lines.some(
        (l) =>
          /,total,|,NSTW,|,PL0\d,/.test(l) &&
          !l.startsWith("BIEU-A,total,") &&
          !l.startsWith("BIEU-B,total,") &&
          !l.startsWith("BIEU-C,total,"),
      ),
    ).toBe(false);

    const xlsx = await call(`/api/consolidated?template=${template.id}&kind=${PLAN}&unit=${root}&format=xlsx`, {
      token: leader,
    });
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-disposition")).toContain(`tong-hop-${template.id}-${PLAN}.xlsx`);
    const grids = readXlsx(new Uint8Array(await xlsx.arrayBuffer()));
    expect(grids.map((g) => g.sheet)).toEqual(["BIEU-A", "BIEU-B", "BIEU-C", "Chi tiết theo đơn vị"]);
    const text = JSON.stringify(grids[0]);
    expect(text).toContain("Tổng hợp kế hoạch");
    expect(text).toContain("3921.03");

    // The people's CSV speaks the template's words, whatever its ids.
    const vi = await call(`/api/consolidated?template=${template.id}&unit=${root}&format=csv-vi`, { token: leader });
    expect(vi.status).toBe(200);
    const viLines = (await vi.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    const total = viLines.find((l) => l.includes(";Tổng cộng;") && l.includes("3921,03"));
    expect(total).toBeDefined();
    expect(total).not.toMatch(/BIEU-A|trung-uong|ca-giai-doan/);
  });

  it("refuses a wrong phase total under the renamed total period, in JSON and in a workbook", async () => {
    const wrong = structuredClone(parts[0]);
    wrong["BIEU-B"]["1"]["so-luong"][TOTAL] = 999_999;
    const res = await call("/api/submissions", { token: tokens[0], json: body(units[0], wrong) });
    expect(res.status).toBe(422);
    const report = (await res.json()) as { errors: { code: string; appendix: string; period: string }[] };
    expect(report.errors.map((e) => [e.code, e.appendix, e.period])).toContainEqual([
      "PERIOD_TOTAL_MISMATCH",
      "BIEU-B",
      TOTAL,
    ]);
    // plan 157's own total id is not a period of this template.
    const old = structuredClone(parts[0]);
    old["BIEU-B"]["1"]["so-luong"].total = 1;
    const oldRes = await call("/api/submissions", { token: tokens[0], json: body(units[0], old) });
    expect(oldRes.status).toBe(422);
    expect(((await oldRes.json()) as { errors: { code: string }[] }).errors.map((e) => e.code)).toContain(
      "PERIOD_UNKNOWN",
    );

    // A workbook whose phase-total column was overwritten (no formula, a wrong figure).
    const figures = figuresFromTree(template, parts[1]);
    const sheets = template.appendices.map((a) => printAppendix(template, a, { figures }));
    const quantityTotal = findCell(sheets[1], "BIEU-B", "1", TOTAL, "so-luong");
    sheets[1].values[quantityTotal.row][quantityTotal.col] = 999_999;
    const bad = await upload(tokens[1], units[1], new Uint8Array(writeXlsx(sheets)));
    expect(bad.status).toBe(422);
    const badReport = (await bad.json()) as { errors: { code: string; appendix: string; period: string }[] };
    expect(badReport.errors.map((e) => [e.code, e.appendix, e.period])).toContainEqual([
      "PERIOD_TOTAL_MISMATCH",
      "BIEU-B",
      TOTAL,
    ]);
  });

  it("refuses plan 157's kinds, naming the template's own", async () => {
    const refused = await call("/api/submissions", { token: tokens[0], json: body(units[0], parts[0], "plan") });
    expect(refused.status).toBe(422);
    const report = (await refused.json()) as { errors: { code: string; params: Record<string, string> }[] };
    expect(report.errors[0]).toMatchObject({
      code: "KIND_UNKNOWN",
      params: { kind: "plan", template: template.id, kinds: `${PLAN}, ${EXECUTION}` },
    });
    const status = await call(`/api/status?template=${template.id}&kind=execution`, { token: leader });
    expect(status.status).toBe(422);
    expect(
      ((await status.json()) as { errors: { code: string; params: Record<string, string> }[] }).errors[0],
    ).toMatchObject({ code: "KIND_UNKNOWN", params: { kinds: `${PLAN}, ${EXECUTION}` } });
  });

  it("shows the status board for each of its kinds", async () => {
    const plan = await ok(await call(`/api/status?template=${template.id}`, { token: leader }));
    expect(plan.kind).toBe(PLAN);
    expect(plan.units.map((u: { unit: string; status: string }) => [u.unit, u.status])).toEqual(
      units.map((u) => [u, "submitted"]),
    );
    const execution = await ok(
      await call(`/api/status?template=${template.id}&kind=${EXECUTION}`, { token: reviewer }),
    );
    expect(execution.units.map((u: { missing: boolean }) => u.missing)).toEqual([true, true]);
  });

  it("locks a year of one of its kinds; its phase total and plan 157's kinds are not lockable", async () => {
    const lock = { template: template.id, kind: EXECUTION, period: "2024" };
    await ok(await call("/api/submissions", { token: tokens[0], json: body(units[0], parts[0], EXECUTION) }), 201);
    expect(await ok(await call("/api/locks", { token: reviewer, json: lock }), 201)).toEqual({
      ...lock,
      locked: true,
      changed: true,
    });
    const changed = structuredClone(parts[0]);
    changed["BIEU-B"]["1"]["so-luong"]["2024"] = Number(changed["BIEU-B"]["1"]["so-luong"]["2024"] ?? 0) + 1;
    const locked = await call("/api/submissions", { token: tokens[0], json: body(units[0], changed, EXECUTION) });
    expect(locked.status).toBe(423);
    expect(((await locked.json()) as { errors: { code: string; params: object }[] }).errors[0]).toMatchObject({
      code: "PERIOD_LOCKED",
      params: { period: "2024" },
    });
    // The same change under the other kind is not locked.
    await ok(await call("/api/submissions", { token: tokens[0], json: body(units[0], changed, PLAN) }), 201);

    const total = await call("/api/locks", { token: reviewer, json: { ...lock, period: TOTAL } });
    expect(total.status).toBe(422);
    expect(((await total.json()) as { errors: { code: string; params: object }[] }).errors[0]).toMatchObject({
      code: "PERIOD_UNKNOWN",
      params: { period: TOTAL },
    });
    const oldKind = await call("/api/locks", { token: reviewer, json: { ...lock, kind: "execution" } });
    expect(oldKind.status).toBe(422);
    expect(((await oldKind.json()) as { errors: { code: string }[] }).errors[0].code).toBe("KIND_UNKNOWN");

    const query = new URLSearchParams(lock);
    expect(await ok(await call(`/api/locks?${query}`, { method: "DELETE", token: reviewer }))).toEqual({
      ...lock,
      locked: false,
      changed: true,
    });
    await ok(await call("/api/submissions", { token: tokens[0], json: body(units[0], changed, EXECUTION) }), 201);
  });
});

/** Where a printed sheet holds one item's figure for a measure and period. */
function findCell(
  sheet: ReturnType<typeof printAppendix>,
  appendix: string,
  item: string,
  period: string,
  measure: string,
): { row: number; col: number } {
  const index = lookup(template);
  const row = sheet.bodyStart + (index.appendix(appendix)?.items.findIndex((i) => i.id === item) ?? -1);
  const col = index.leaves(appendix).findIndex((l) => l.measure === measure && l.period === period);
  if (col < 0 || row < sheet.bodyStart) throw new Error(`no cell for ${appendix} ${item} ${measure} ${period}`);
  return { row, col };
}
