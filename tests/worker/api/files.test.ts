import { describe, expect, inject, it } from "vitest";
import { type Figures, getTemplate, planFigures, printAppendix, toFigureTree, validateWorkbook } from "../../../domain";
import { readXlsx, writeXlsx } from "../../../worker/xlsx";
import { lieAboutSize, minimalParts, sheetXml, zipParts } from "../../xlsx/support/package";
import { call, count, countR2, fixtureTree, freshUnits, ok, submission, tokenFor } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const template = getTemplate("kh-157-2023")!;

function workbook(
  figures?: Figures,
  edit?: (sheet: ReturnType<typeof printAppendix>) => void,
): Uint8Array<ArrayBuffer> {
  const sheets = template.appendices.map((a) => printAppendix(template, a, { figures }));
  if (edit) sheets.forEach(edit);
  return new Uint8Array(writeXlsx(sheets));
}

const upload = (token: string, unit: string, bytes: Uint8Array<ArrayBuffer>, query = "") =>
  call(`/api/submissions?template=kh-157-2023&unit=${unit}&kind=plan${query}`, {
    token,
    body: bytes,
    headers: { "Content-Type": XLSX, "X-File-Name": "ke-hoach.xlsx" },
  });

describe("uploading a filled workbook", () => {
  it("as the raw body and as multipart: same figures as the plan, original kept in R2", async () => {
    const { units } = await freshUnits(2);
    const bytes = workbook(planFigures(template));
    const t0 = await tokenFor("submitter", units[0]);
    const raw = await ok(await upload(t0, units[0], bytes), 201);
    expect(raw.source).toBe("upload");
    const detail = await ok(await call(`/api/submissions/${raw.id}`, { token: t0 }));
    for (const a of Object.keys(fixtureTree())) {
      for (const [item, measures] of Object.entries(fixtureTree()[a] as Record<string, Record<string, object>>)) {
        for (const [m, periods] of Object.entries(measures))
          expect(detail.submission.appendices[a][item][m]).toEqual(periods);
      }
    }
    const file = await call(`/api/submissions/${raw.id}/file`, { token: t0 });
    expect(file.status).toBe(200);
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(bytes);

    const t1 = await tokenFor("submitter", units[1]);
    const form = new FormData();
    form.set("template", "kh-157-2023");
    form.set("unit", units[1]);
    form.set("kind", "plan");
    form.set("file", new File([bytes], "huyen.xlsx", { type: XLSX }));
    const multi = await ok(await call("/api/submissions", { token: t1, body: form }), 201);
    const other = await ok(await call(`/api/submissions/${multi.id}`, { token: t1 }));
    expect(other.submission.appendices).toEqual(detail.submission.appendices);
    // A JSON submission of the same figures for the same unit hashes the same.
    const json = await ok(
      await call("/api/submissions?dryRun=true", {
        token: t1,
        json: submission(units[1], detail.submission.appendices),
      }),
    );
    expect(json.sha256).toBe(multi.sha256);
  });

  it("a planted arithmetic error comes back as 422 naming its cell, and nothing is stored", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const bytes = workbook(planFigures(template), (s) => {
      if (s.sheet === "PL01") s.values[s.totalRow][7] = 3921.04; // H: NSTW phase total
    });
    const before = [await count("snapshots"), await countR2()];
    const res = await upload(token, units[0], bytes);
    expect(res.status).toBe(422);
    const report = (await res.json()) as { errors: { code: string; cell: string }[] };
    expect(report.errors.map((e) => `${e.code}@${e.cell}`)).toContain(
      `GRAND_TOTAL_MISMATCH@PL01!H${template.appendices[0].items.length + 8}`,
    );
    expect([await count("snapshots"), await countR2()]).toEqual(before);
  });

  it("bad files are refused quickly with a clear code and nothing stored", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const good = workbook(planFigures(template));
    const zeros = new Uint8Array(30 * 1024 * 1024);
    const cases: [string, Uint8Array<ArrayBuffer>, number, string][] = [
      ["not a zip", new TextEncoder().encode("STT,Nội dung\n1,Bản tin\n"), 422, "XLSX_NOT_ZIP"],
      ["truncated", good.slice(0, Math.floor(good.length / 2)), 422, "XLSX_CORRUPT"],
      [
        "zip bomb",
        new Uint8Array(zipParts({ ...minimalParts(), "xl/worksheets/sheet1.xml": zeros }, 9)),
        422,
        "XLSX_INFLATE_LIMIT",
      ],
      [
        "lying sizes",
        new Uint8Array(
          lieAboutSize(
            zipParts({ ...minimalParts(), "xl/worksheets/sheet1.xml": zeros }, 9),
            "xl/worksheets/sheet1.xml",
            100,
          ),
        ),
        422,
        "XLSX_INFLATE_LIMIT",
      ],
      [
        "doctype",
        new Uint8Array(
          zipParts(
            minimalParts({
              PL01: `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&a;</t></is></c></row></sheetData></worksheet>`,
            }),
          ),
        ),
        422,
        "XLSX_DTD_FORBIDDEN",
      ],
      [
        "many cells",
        new Uint8Array(
          zipParts(
            minimalParts({
              PL01: sheetXml(
                Array.from({ length: 2000 }, (_, r) => {
                  const cell = (c: number) => `<c r="${String.fromCharCode(65 + c)}${r + 1}"><v>1</v></c>`;
                  return `<row r="${r + 1}">${Array.from({ length: 15 }, (_, c) => cell(c)).join("")}</row>`;
                }).join(""),
              ),
            }),
          ),
        ),
        422,
        "XLSX_TOO_MANY_CELLS",
      ],
      // The `../` entry is never looked up; the workbook itself has no appendix sheets.
      [
        "dot-dot entry",
        new Uint8Array(zipParts({ ...minimalParts(), "../../evil.xml": "<x/>" })),
        422,
        "SHEET_MISSING",
      ],
    ];
    const before = [await count("snapshots"), await count("audit"), await countR2()];
    for (const [name, bytes, status, code] of cases) {
      const res = await upload(token, units[0], bytes);
      expect(res.status, name).toBe(status);
      const body = (await res.json()) as { errors: { code: string; message: string }[] };
      expect(body.errors[0].code, name).toBe(code);
      expect(body.errors[0].message.length, name).toBeGreaterThan(10);
    }
    expect([await count("snapshots"), await count("audit"), await countR2()]).toEqual(before);
  });
});

describe("exports in the printed layout", () => {
  it("the blank template workbook reads back as the template with no figures", async () => {
    const res = await call("/api/templates/kh-157-2023/workbook");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    const grids = readXlsx(new Uint8Array(await res.arrayBuffer()));
    expect(grids.map((g) => g.sheet)).toEqual(["PL01", "PL02", "PL03"]);
    const read = validateWorkbook(template, grids);
    expect(read.report.errors).toEqual([]);
    expect(toFigureTree(template, read.figures).PL01["1"].NSTW).toEqual({});
  });

  it("an exported submission re-uploaded gives the same canonical JSON and hash", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const first = await ok(await call("/api/submissions", { token, json: submission(units[0], fixtureTree()) }), 201);
    const exported = await call(`/api/submissions/${first.id}?format=xlsx`, { token });
    expect(exported.status).toBe(200);
    const bytes = new Uint8Array(await exported.arrayBuffer());
    // The same figures answer version 1 (decision 0019); a new version must be asked for.
    const same = await ok(await upload(token, units[0], bytes), 200);
    expect(same).toMatchObject({ id: first.id, version: 1, sha256: first.sha256, identical: { version: 1 } });
    const again = await ok(await upload(token, units[0], bytes, "&newVersion=true"), 201);
    expect(again.version).toBe(2);
    expect(again.sha256).toBe(first.sha256);
    expect(again.sameAs).toEqual({ version: 1, status: "submitted" });
    const a = await ok(await call(`/api/submissions/${first.id}`, { token }));
    const b = await ok(await call(`/api/submissions/${again.id}`, { token }));
    expect(b.submission).toEqual(a.submission);
  });

  it("the consolidated workbook holds the consolidated figures", async () => {
    const { root, units } = await freshUnits(1);
    await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: submission(units[0], fixtureTree()),
      }),
      201,
    );
    const leader = await tokenFor("leader");
    const json = await ok(await call(`/api/consolidated?unit=${root}`, { token: leader }));
    const res = await call(`/api/consolidated?unit=${root}&format=xlsx`, { token: leader });
    expect(res.status).toBe(200);
    const grids = readXlsx(new Uint8Array(await res.arrayBuffer()));
    const read = validateWorkbook(template, grids, { comparePlan: false });
    expect(read.report.errors).toEqual([]);
    expect(toFigureTree(template, read.figures)).toEqual(json.appendices);
    const footnote = grids[0].values.flat().find((v) => typeof v === "string" && v.startsWith("Gồm các đơn vị"));
    expect(footnote).toBe(`Gồm các đơn vị: Đơn vị thử 1 (${units[0]}) – phiên bản 1.`);
  });
});

describe("a workbook written by another program", () => {
  it("LibreOffice's re-saved plan workbook uploads over HTTP and reproduces the plan's figures", async ({ skip }) => {
    const b64 = inject("libreOfficeWorkbook");
    if (!b64) return skip("LibreOffice is not installed here (CI installs it)");
    const bytes = Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const receipt = await ok(await upload(token, units[0], bytes), 201);
    const detail = await ok(await call(`/api/submissions/${receipt.id}`, { token }));
    const expected = fixtureTree();
    for (const a of Object.keys(expected)) {
      for (const [item, measures] of Object.entries(expected[a] as Record<string, Record<string, object>>)) {
        for (const [m, periods] of Object.entries(measures))
          expect(detail.submission.appendices[a][item][m], `${a} ${item} ${m}`).toEqual(periods);
      }
    }
  });
});
