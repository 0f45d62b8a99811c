// Formulas in input cells of an uploaded workbook, over HTTP: reported at their cell (a
// warning for an ordinary formula, whose saved value is what gets stored; an error for one
// reaching outside the workbook), and the original file is served as "the file as uploaded".
import { describe, expect, it } from "vitest";
import type { PrintedSheet } from "../../../domain";
import { workbook, XLSX_TYPE } from "../../pages/support/workbooks";
import { html, request, signIn } from "../../pages/workerd/page-client";
import { call, count, countR2, fixtureTree, freshUnits, ok, tokenFor } from "./helpers";

/** PL02!H8: item 1, NSTW, 2023, a cell people type into. */
const inPL02H8 = (formula: string) => (sheet: PrintedSheet) => {
  if (sheet.sheet === "PL02") sheet.formulas[7][7] = formula;
};

const upload = (token: string, unit: string, bytes: Uint8Array<ArrayBuffer>) =>
  call(`/api/submissions?template=kh-157-2023&unit=${unit}&kind=plan`, {
    token,
    body: bytes,
    headers: { "Content-Type": XLSX_TYPE, "X-File-Name": "ke-hoach.xlsx" },
  });

type Shown = { code: string; cell: string; params: Record<string, string> };

describe("formulas in input cells of an upload", () => {
  it("an ordinary formula is a warning at PL02!H8; the saved value is stored; the original is served as uploaded", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const bytes = workbook(undefined, inPL02H8("=500"));
    const receipt = await ok(await upload(token, units[0], bytes), 201);
    const formula = (receipt.warningList as Shown[]).filter((w) => w.code.startsWith("FORMULA_"));
    const stored = fixtureTree().PL02["1"].NSTW["2023"];
    expect(formula).toEqual([
      expect.objectContaining({ code: "FORMULA_INPUT", cell: "PL02!H8", params: { formula: "=500", value: stored } }),
    ]);
    const detail = await ok(await call(`/api/submissions/${receipt.id}`, { token }));
    expect(detail.submission.appendices.PL02["1"].NSTW["2023"]).toBe(stored);

    const file = await call(`/api/submissions/${receipt.id}/file`, { token });
    expect(file.status).toBe(200);
    expect(file.headers.get("X-Original-Upload")).toBe("true");
    expect(file.headers.get("Content-Disposition")).toBe('attachment; filename="ke-hoach-ban-goc-da-tai-len.xlsx"');
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);

    const page = await html(await request("/district", { cookie: await signIn(token) }));
    expect(page).toContain(
      `<a href="/api/submissions/${receipt.id}/file">Tệp gốc như đã tải lên (có thể khác số liệu đã lưu)</a>`,
    );
  });

  it.each([
    ['=_xlfn.WEBSERVICE("https://example.invalid/so-lieu")', "FORMULA_EXTERNAL"],
    ["=[1]Sheet1!A1", "FORMULA_EXTERNAL"],
    ["=NOW()", "FORMULA_VOLATILE"],
  ])("%s in PL02!H8 → 422 %s at PL02!H8, nothing stored", async (formula, code) => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const before = [await count("snapshots"), await count("audit"), await countR2()];
    const res = await upload(token, units[0], workbook(undefined, inPL02H8(formula)));
    const report = await res.json<{ errors: Shown[] }>();
    expect(res.status).toBe(422);
    expect(report.errors.map((e) => `${e.code}@${e.cell}`)).toEqual([`${code}@PL02!H8`]);
    expect(report.errors[0].params.formula).toBe(formula);
    expect([await count("snapshots"), await count("audit"), await countR2()]).toEqual(before);
  });
});
