// Issue 16: a template with a money-only appendix (plan 157's, PL03 without quantity columns)
// stored through the admin route, a JSON submission of its plan, and the consolidated totals as
// the people's CSV: PL03 rows carry money only; a quantity sent for PL03 is refused at its place.
import { beforeAll, describe, expect, it } from "vitest";
import { type Template, TOTAL_ROW } from "../../../domain";
import { MONEY_ONLY, moneyOnlyTemplate } from "../../support/money-only-template";
import { ADMIN, call, freshUnits, ok, tokenFor } from "./helpers";

/** Under an id of this file's own, so its locks and expected units meet no other test. */
const template: Template = moneyOnlyTemplate(`kh-157-money-only-${Date.now().toString(36)}`);
let root = "";
let unit = "";
let token = "";
let leader = "";

const body = (appendices: unknown) => ({ template: template.id, unit, kind: "plan", appendices });

beforeAll(async () => {
  await ok(await call("/api/templates", { token: ADMIN, json: template }), 201);
  let units: string[];
  ({ root, units } = await freshUnits(1));
  unit = units[0];
  token = await tokenFor("submitter", unit);
  leader = await tokenFor("leader");
  await ok(await call("/api/admin/expected-units", { token: ADMIN, json: { template: template.id, units } }));
});

describe("a template with a money-only appendix, through the Worker", () => {
  it("refuses a quantity for the money-only appendix, located at its item, measure and period", async () => {
    const wrong = structuredClone(template.plan!);
    wrong[MONEY_ONLY]["1"].quantity = { "2023": 2 };
    const res = await call("/api/submissions", { token, json: body(wrong) });
    expect(res.status).toBe(422);
    const report = (await res.json()) as {
      errors: { code: string; appendix: string; item: string; measure: string }[];
    };
    expect(report.errors.map((e) => [e.code, e.appendix, e.item, e.measure])).toEqual([
      ["MEASURE_NOT_APPLICABLE", MONEY_ONLY, "1", "quantity"],
    ]);
  });

  it("takes the plan as JSON and consolidates it (JSON and the people's CSV), PL03 in money only", async () => {
    await ok(await call("/api/submissions", { token, json: body(template.plan) }), 201);
    const report = await ok(await call(`/api/consolidated?template=${template.id}&unit=${root}`, { token: leader }));
    expect(Object.keys(report.appendices[MONEY_ONLY][TOTAL_ROW])).toEqual(["NSTW", "NSDP"]);
    expect(report.appendices[MONEY_ONLY][TOTAL_ROW].NSTW.total).toBe("135.42");
    expect(report.appendices.PL01["1"].quantity).toBeDefined();

    const vi = await call(`/api/consolidated?template=${template.id}&unit=${root}&format=csv-vi`, { token: leader });
    expect(vi.status).toBe(200);
    const lines = (await vi.text())
      .replace(/^\ufeff/, "")
      .trim()
      .split("\r\n");
    const heading = template.appendices.find((a) => a.id === MONEY_ONLY)!.heading;
    const pl03 = lines.filter((l) => l.startsWith(`${heading};`));
    expect(pl03.length).toBeGreaterThan(0);
    expect(pl03.some((l) => l.includes("Số lượng"))).toBe(false);
    expect(pl03.find((l) => l.includes(";Tổng cộng;") && l.includes("135,42"))).toBeDefined();
    expect(lines.some((l) => !l.startsWith(`${heading};`) && l.includes("Số lượng"))).toBe(true);
  });
});
