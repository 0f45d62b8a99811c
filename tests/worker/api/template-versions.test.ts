// Issue 12 / decision 0012: every snapshot is read, printed and consolidated with the template
// version it was validated against. Storing a newer version changes neither an old snapshot's
// labels nor the consolidated hash of an unchanged set of snapshots.
import { describe, expect, it } from "vitest";
import { type CellValue, getTemplate, type Template } from "../../../domain";
import { readXlsx } from "../../../worker/xlsx";
import { html, request, signIn, textOf } from "../../pages/workerd/page-client";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "./helpers";

const OLD = "Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh)";
const NEW = "Bản tin điện tử (đổi tên ở phiên bản 2)";

function relabelled(t: Template, version: number): Template {
  const copy = structuredClone(t);
  copy.version = version;
  copy.appendices[0].items[0].label = NEW;
  return copy;
}

async function cellTexts(res: Response): Promise<string[]> {
  expect(res.status).toBe(200);
  const grids = readXlsx(new Uint8Array(await res.arrayBuffer()));
  return grids.flatMap((g) => g.values.flat()).filter((v: CellValue): v is string => typeof v === "string");
}

async function csvLabels(res: Response): Promise<string> {
  expect(res.status).toBe(200);
  return res.text();
}

describe("template versions and snapshots", () => {
  it("a v1 snapshot keeps v1's labels and the consolidated hash after v2 is stored", async () => {
    const v1 = { ...getTemplate("kh-157-2023")!, id: `kh-ver-${Date.now().toString(36)}` };
    await ok(await call("/api/templates", { token: ADMIN, json: v1 }), 201);
    const { root, units } = await freshUnits(2);
    const figures = {
      PL01: {
        "1": { quantity: { "2023": 10 }, NSTW: { "2023": "25.5" } },
        "3": { quantity: { "2024": 2 }, NSTW: { "2024": "4" } },
      },
    };
    const token0 = await tokenFor("submitter", units[0]);
    const snap = await ok(
      await call("/api/submissions", { token: token0, json: { ...submission(units[0], figures), template: v1.id } }),
      201,
    );
    expect(snap.templateVersion).toBe(1);
    const leader = await tokenFor("leader");
    const consolidated = (suffix = "") =>
      call(`/api/consolidated?template=${v1.id}&kind=plan&unit=${root}${suffix}`, { token: leader });
    const before = await ok(await consolidated());
    expect(await cellTexts(await call(`/api/submissions/${snap.id}?format=xlsx`, { token: token0 }))).toContain(OLD);

    // The administrator stores version 2 with item PL01/1 renamed.
    await ok(await call("/api/templates", { token: ADMIN, json: relabelled(v1, 2) }), 201);
    expect((await ok(await call(`/api/templates/${v1.id}`))).appendices[0].items[0].label).toBe(NEW);

    // The snapshot: still v1, printed with v1's label; v1's definition is there to read it with.
    const detail = await ok(await call(`/api/submissions/${snap.id}`, { token: token0 }));
    expect(detail.templateVersion).toBe(1);
    const pinned = await ok(await call(`/api/templates/${v1.id}?version=${detail.templateVersion}`));
    expect([pinned.version, pinned.appendices[0].items[0].label]).toEqual([1, OLD]);
    const printed = await cellTexts(await call(`/api/submissions/${snap.id}?format=xlsx`, { token: token0 }));
    expect(printed).toContain(OLD);
    expect(printed).not.toContain(NEW);
    const reviewPage = textOf(
      await html(await request(`/review/${snap.id}`, { cookie: await signIn(await tokenFor("reviewer")) })),
    );
    expect(reviewPage).toContain(`1. ${OLD}`);
    expect(reviewPage).not.toContain(NEW);

    // Consolidated: the same snapshots give the same figures, layout, labels and hash.
    const after = await ok(await consolidated());
    expect(after.hash).toBe(before.hash);
    expect(after.appendices).toEqual(before.appendices);
    expect([after.templateVersion, after.templateVersions, after.unplaced]).toEqual([1, [1], {}]);
    const csv = await csvLabels(await consolidated("&format=csv"));
    expect(csv).toContain(OLD);
    expect(csv).not.toContain(NEW);
    const sheet = await cellTexts(await consolidated("&format=xlsx"));
    expect(sheet).toContain(OLD);
    expect(sheet.join("\n")).toContain(before.hash);

    // A unit submitting under v2: the totals move to v2's layout and labels, figures added by item id.
    const token1 = await tokenFor("submitter", units[1]);
    const snap2 = await ok(
      await call("/api/submissions", {
        token: token1,
        json: {
          ...submission(units[1], { PL01: { "1": { quantity: { "2023": 5 }, NSTW: { "2023": "1.5" } } } }),
          template: v1.id,
        },
      }),
      201,
    );
    expect(snap2.templateVersion).toBe(2);
    const mixed = await ok(await consolidated());
    expect([mixed.templateVersion, mixed.templateVersions]).toEqual([2, [1, 2]]);
    expect(mixed.appendices.PL01["1"].quantity["2023"]).toBe(15);
    expect(mixed.appendices.PL01["1"].NSTW["2023"]).toBe("27");
    expect(mixed.appendices.PL01.total.NSTW.total).toBe("31");
    const mixedCsv = await csvLabels(await consolidated("&format=csv"));
    expect(mixedCsv).toContain(NEW);
    expect(mixedCsv).not.toContain(OLD);
  });

  it("a later version without an item: older figures for it are kept in `unplaced` and in the total, never a 500", async () => {
    const v1 = { ...getTemplate("kh-157-2023")!, id: `kh-ver-drop-${Date.now().toString(36)}` };
    await ok(await call("/api/templates", { token: ADMIN, json: v1 }), 201);
    const { root, units } = await freshUnits(2);
    const withItem3 = {
      PL01: {
        "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } },
        "3": { quantity: { "2024": 2 }, NSTW: { "2024": "4.25" } },
      },
    };
    await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: { ...submission(units[0], withItem3), template: v1.id },
      }),
      201,
    );

    const v2 = structuredClone(v1) as Template;
    v2.version = 2;
    v2.appendices[0].items = v2.appendices[0].items.filter((i) => i.id !== "3");
    if (v2.plan) delete v2.plan.PL01["3"];
    await ok(await call("/api/templates", { token: ADMIN, json: v2 }), 201);
    const receipt = await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[1]),
        json: {
          ...submission(units[1], { PL01: { "1": { quantity: { "2023": 3 }, NSTW: { "2023": "2" } } } }),
          template: v1.id,
        },
      }),
      201,
    );
    expect(receipt.templateVersion).toBe(2);

    const report = await ok(
      await call(`/api/consolidated?template=${v1.id}&kind=plan&unit=${root}`, { token: await tokenFor("leader") }),
    );
    expect([report.templateVersion, report.templateVersions]).toEqual([2, [1, 2]]);
    expect(report.appendices.PL01["3"]).toBeUndefined();
    expect(report.unplaced.PL01["3"]).toEqual({
      quantity: { "2024": 2, total: 2 },
      NSTW: { "2024": "4.25", total: "4.25" },
    });
    expect(report.appendices.PL01["1"].NSTW["2023"]).toBe("3");
    expect(report.appendices.PL01.total.NSTW.total).toBe("7.25"); // 1 + 4.25 + 2: nothing lost
  });

  it("?version= answers exactly that version, or 404 / 400", async () => {
    expect((await ok(await call("/api/templates/kh-157-2023?version=1"))).version).toBe(1);
    const missing = await call("/api/templates/kh-157-2023?version=99");
    expect(missing.status).toBe(404);
    expect(((await missing.json()) as { errors: { code: string }[] }).errors[0].code).toBe("TEMPLATE_NOT_FOUND");
    expect((await call("/api/templates/kh-157-2023?version=abc")).status).toBe(400);
  });
});
