// Uploads as districts really send them (issue 13), over HTTP: an .ods from LibreOffice is read
// exactly as an .xlsx (raw body with the .ods content type, a multipart file named .ods, the
// district page); every other common file is refused with what it is and what to do, in
// Vietnamese with the English beside it, and nothing is stored; a date in a money cell is an
// error at its cell; totals saved as 0 by a program that asks for a recalculation are computed.
import { describe, expect, it } from "vitest";
import { zipSync } from "fflate";
import { getTemplate, planFigures, printAppendix, printedPosition } from "../../../domain";
import { writeXlsx } from "../../../worker/xlsx";
import { LIBREOFFICE_PLAN_ODS } from "../../xlsx/fixtures/libreoffice-plan-ods";
import { compoundFile, encryptedWorkbook } from "../../xlsx/support/producers/compound-file";
import { html, request, signIn } from "../../pages/workerd/page-client";
import { call, count, countR2, fixtureTree, freshUnits, ok, tokenFor } from "./helpers";

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const ODS = "application/vnd.oasis.opendocument.spreadsheet";
const template = getTemplate("kh-157-2023")!;
const enc = new TextEncoder();
const ods = () => Uint8Array.from(atob(LIBREOFFICE_PLAN_ODS), (c) => c.charCodeAt(0));
const printed = () =>
  template.appendices.map((a) => printAppendix(template, a, { figures: planFigures(template), formulas: true }));

const upload = (token: string, unit: string, body: Uint8Array<ArrayBuffer>, type: string, name: string) =>
  call(`/api/submissions?template=kh-157-2023&unit=${unit}&kind=plan`, {
    token,
    body,
    headers: { "Content-Type": type, "X-File-Name": name },
  });

function multipart(unit: string, bytes: Uint8Array<ArrayBuffer>, name: string, type = ""): FormData {
  const form = new FormData();
  form.set("template", "kh-157-2023");
  form.set("unit", unit);
  form.set("kind", "plan");
  form.set("file", new File([bytes], name, type ? { type } : {}));
  return form;
}

async function expectPlanStored(token: string, id: string) {
  const detail = await ok(await call(`/api/submissions/${id}`, { token }));
  const expected = fixtureTree();
  for (const a of Object.keys(expected)) {
    for (const [item, measures] of Object.entries(expected[a] as Record<string, Record<string, object>>)) {
      for (const [m, periods] of Object.entries(measures))
        expect(detail.submission.appendices[a][item][m], `${a} ${item} ${m}`).toEqual(periods);
    }
  }
}

describe("an .ods saved by LibreOffice", () => {
  it("uploads as the raw body (.ods content type) and as a multipart file named .ods, with the plan's figures", async () => {
    const { units } = await freshUnits(2);
    const t0 = await tokenFor("submitter", units[0]);
    const raw = await ok(await upload(t0, units[0], ods(), ODS, "ke-hoach.ods"), 201);
    await expectPlanStored(t0, raw.id);
    const file = await call(`/api/submissions/${raw.id}/file`, { token: t0 });
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(ods());
    // Kept and served as what it is: an .ods, not an .xlsx.
    expect(file.headers.get("Content-Type")).toBe(ODS);
    expect(file.headers.get("Content-Disposition")).toBe('attachment; filename="ke-hoach-ban-goc-da-tai-len.ods"');

    const t1 = await tokenFor("submitter", units[1]);
    const form = await ok(
      await call("/api/submissions", { token: t1, body: multipart(units[1], ods(), "huyen.ods") }),
      201,
    );
    await expectPlanStored(t1, form.id);
    // The same figures as the .xlsx the .ods was made from: the same canonical hash.
    const xlsx = await ok(
      await call(`/api/submissions?template=kh-157-2023&unit=${units[1]}&kind=plan&dryRun=true`, {
        token: t1,
        body: new Uint8Array(writeXlsx(printed())),
        headers: { "Content-Type": XLSX },
      }),
    );
    expect(xlsx.sha256).toBe(form.sha256);
  });

  it("an .ods repeating a row of figures a million times is refused before it is expanded, and nothing is stored", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const content =
      `<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">` +
      `<office:body><office:spreadsheet><table:table table:name="PL01"><table:table-row table:number-rows-repeated="1048576">` +
      `<table:table-cell office:value-type="float" office:value="403.305" table:number-columns-repeated="16384"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>`;
    const bomb = zip({ mimetype: "application/vnd.oasis.opendocument.spreadsheet", "content.xml": content });
    const before = [await count("snapshots"), await countR2()];
    const res = await upload(token, units[0], bomb, ODS, "bom.ods");
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { code: string; limit: number }[] }).errors[0]).toMatchObject({
      code: "XLSX_TOO_MANY_CELLS",
      limit: 20_000,
    });
    expect([await count("snapshots"), await countR2()]).toEqual(before);
  });

  it("the district page offers .ods in its file picker and takes the .ods posted by its form", async () => {
    const { units } = await freshUnits(1);
    const cookie = await signIn(await tokenFor("submitter", units[0]));
    const page = await html(await request("/district", { cookie }));
    expect(page).toMatch(
      /<input id="file" name="file" type="file"[^>]* accept="[^"]*\.ods[^"]*application\/vnd\.oasis\.opendocument\.spreadsheet/,
    );
    const action = /action="(\/district\/upload\?key=[^"]+)"/.exec(page)![1];
    const res = await request(action, { cookie, form: multipart(units[0], ods(), "ke-hoach.ods", ODS) });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toMatch(/^\/district\?receipt=/);
  });
});

/** A workbook-shaped package of another kind. */
const zip = (files: Record<string, string | Uint8Array>) =>
  new Uint8Array(
    zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, typeof v === "string" ? enc.encode(v) : v]))),
  );

const OTHERS: [string, () => Uint8Array<ArrayBuffer>, string, string, string, RegExp][] = [
  [
    "an Excel 97–2003 .xls",
    () => compoundFile({ Workbook: new Uint8Array(600) }),
    "application/vnd.ms-excel",
    "XLSX_NOT_ZIP",
    "xls",
    /Excel 97–2003 \(\.xls\).*Lưu thành/,
  ],
  ["a password-protected .xlsx", () => encryptedWorkbook(), XLSX, "XLSX_NOT_ZIP", "encrypted", /mật khẩu/],
  [
    "a PDF print-out",
    () => enc.encode("%PDF-1.6\n%âãÏÓ\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"),
    "application/octet-stream",
    "XLSX_NOT_ZIP",
    "pdf",
    /PDF/,
  ],
  [
    "an HTML table named .xls",
    () =>
      enc.encode(
        '<html xmlns:x="urn:schemas-microsoft-com:office:excel"><body><table><tr><td>STT</td></tr></table></body></html>',
      ),
    "application/vnd.ms-excel",
    "XLSX_NOT_ZIP",
    "xls-html",
    /HTML/,
  ],
  [
    "a CSV file",
    () => enc.encode('STT,Nội dung thực hiện,Năm 2023\r\n1.,Bản tin,"403,305"\r\n'),
    XLSX,
    "XLSX_NOT_ZIP",
    "csv",
    /CSV/,
  ],
  [
    "an .xlsb",
    () =>
      zip({
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": "<Relationships/>",
        "xl/workbook.bin": new Uint8Array([0x83, 1, 0]),
      }),
    "application/vnd.ms-excel.sheet.binary.macroenabled.12",
    "XLSX_OTHER_FORMAT",
    "xlsb",
    /\.xlsb/,
  ],
  [
    "a Word .docx",
    () =>
      zip({
        "[Content_Types].xml": "<Types/>",
        "_rels/.rels": "<Relationships/>",
        "word/document.xml": "<w:document/>",
      }),
    XLSX,
    "XLSX_OTHER_FORMAT",
    "docx",
    /Word/,
  ],
];

describe("files that are not workbooks", () => {
  it.each(OTHERS)(
    "%s is refused with what it is and what to do, in Vietnamese and English; nothing is stored",
    async (_name, bytes, type, code, format, says) => {
      const { units } = await freshUnits(1);
      const token = await tokenFor("submitter", units[0]);
      const before = [await count("snapshots"), await countR2()];
      const res = await upload(token, units[0], bytes(), type, "bao-cao");
      expect(res.status).toBe(422);
      const body = (await res.json()) as {
        errors: { code: string; message: string; format: string; messageEn: string }[];
      };
      expect(body.errors[0]).toMatchObject({ code, format });
      expect(body.errors[0].message).toMatch(says);
      expect(body.errors[0].message).toMatch(/Hãy /);
      expect(body.errors[0].messageEn).toMatch(/[A-Z][a-z]+ .*\./);
      expect([await count("snapshots"), await countR2()]).toEqual(before);
    },
  );

  it("the same refusal for a file picked in a form, whatever its name says", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const res = await call("/api/submissions", {
      token,
      body: multipart(units[0], compoundFile({ Workbook: new Uint8Array(600) }), "ke-hoach.xlsx", XLSX),
    });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { errors: { format: string }[] }).errors[0].format).toBe("xls");
  });
});

describe("cells and formulas a district's program saved", () => {
  const cell = (appendix: string, item: string, measure: "NSTW", period: string) => {
    const p = printedPosition(
      template.appendices.find((a) => a.id === appendix)!,
      item,
      measure,
      period,
    )!;
    return { ...p, address: `${appendix}!${String.fromCharCode(65 + p.col)}${p.row + 1}` };
  };

  it("a date in a money cell is a 422 naming the cell and the date Excel shows there", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const sheets = printed();
    const i8 = cell("PL01", "1", "NSTW", "2023");
    sheets[0].values[i8.row][i8.col] = 45113;
    sheets[0].styles.push({ range: { row: i8.row, col: i8.col, rows: 1, cols: 1 }, numberFormat: "dd/mm/yyyy" });
    const res = await upload(token, units[0], new Uint8Array(writeXlsx(sheets)), XLSX, "ke-hoach.xlsx");
    expect(res.status).toBe(422);
    const report = (await res.json()) as { errors: { code: string; cell: string; message: string }[] };
    const found = report.errors.find((e) => e.code === "FIGURE_SHOWN_AS_DATE");
    expect(found?.cell).toBe(i8.address);
    expect(found?.message).toContain("ô hiển thị ngày 06/07/2023");
    expect(found?.message).toContain("45.113");
  });

  it("totals saved as 0 by a program that asks for a recalculation are computed, and the upload is accepted", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const sheets = printed();
    for (const s of sheets) s.formulas.forEach((row, r) => row.forEach((f, c) => f && (s.values[r][c] = 0)));
    const receipt = await ok(
      await upload(token, units[0], new Uint8Array(writeXlsx(sheets)), XLSX, "pandas.xlsx"),
      201,
    );
    await expectPlanStored(token, receipt.id);
  });
});
