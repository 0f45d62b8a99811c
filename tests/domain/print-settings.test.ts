// The template's print settings in the printed layout: page set-up as plain data and the
// signature block as rows under the table, which reading the sheet back ignores.
import { describe, expect, it } from "vitest";
import {
  checkTemplate,
  DEFAULT_PRINT,
  getTemplate,
  type Grid,
  planFigures,
  printAppendix,
  type Template,
  toFigureTree,
  validateWorkbook,
} from "../../domain";
import { PRINTED_HEADER_TOP } from "../../domain/template/layout";

const template = getTemplate("kh-157-2023")!;
const figures = planFigures(template)!;
const printed = () => template.appendices.map((a) => printAppendix(template, a, { figures }));
const text = (values: Grid["values"], row: number) => values[row].filter((v) => v !== null).join(" | ");

describe("print settings in the printed layout", () => {
  it("plan 157 prints A4 landscape, one page wide, header repeated, page numbers", () => {
    for (const sheet of printed()) {
      expect(sheet.page).toEqual({
        orientation: "landscape",
        paper: "A4",
        fitToWidth: true,
        titleRows: { first: PRINTED_HEADER_TOP, last: sheet.bodyStart - 1 },
        footer: "Trang &P/&N",
      });
    }
  });

  it("puts the signature block under the table: date line, signer titles bold and centred, notes", () => {
    const sheet = printed()[0];
    const width = sheet.columnWidths.length;
    const at = sheet.signatureRow!;
    expect(at).toBeGreaterThan(sheet.totalRow + 1);
    expect(
      sheet.values
        .slice(sheet.totalRow + 1, at)
        .flat()
        .every((v) => v === null),
    ).toBe(true);
    expect(text(sheet.values, at)).toBe("Sóc Trăng, ngày … tháng … năm …");
    expect(text(sheet.values, at + 1)).toBe("Người lập biểu | Thủ trưởng đơn vị");
    expect(text(sheet.values, at + 2)).toBe("(Ký, ghi rõ họ tên) | (Ký, ghi rõ họ tên, đóng dấu)");
    expect(sheet.values).toHaveLength(at + 3);
    // Each signer centred over half the columns; the date line over the right-hand signer.
    const left = { row: at + 1, col: 0, rows: 1, cols: Math.floor(width / 2) };
    const right = { row: at + 1, col: Math.floor(width / 2), rows: 1, cols: width - Math.floor(width / 2) };
    expect(sheet.values[at][right.col]).toBe("Sóc Trăng, ngày … tháng … năm …");
    expect(sheet.merges).toEqual(expect.arrayContaining([left, right, { ...right, row: at }]));
    for (const range of [left, right])
      expect(sheet.styles).toContainEqual({ range, align: "center", wrap: true, bold: true });
  });

  it("an appendix's own settings win over the template's; without any, the defaults and no signature", () => {
    const [first, ...rest] = template.appendices;
    const portrait: Template = {
      ...template,
      appendices: [{ ...first, print: { ...DEFAULT_PRINT, orientation: "portrait", pageNumbers: false } }, ...rest],
    };
    const own = printAppendix(portrait, portrait.appendices[0]);
    expect(own.page).toMatchObject({ orientation: "portrait", footer: null });
    expect(own.signatureRow).toBeNull();
    expect(own.values).toHaveLength(own.totalRow + 1);
    const bare = { ...template, print: undefined };
    const plain = printAppendix(bare, bare.appendices[1]);
    expect(plain.page).toMatchObject({ orientation: "landscape", fitToWidth: true, footer: "Trang &P/&N" });
    expect(plain.signatureRow).toBeNull();
  });

  it("checkTemplate checks the print settings' shape", () => {
    const bad = (print: unknown, where: "template" | "PL02" = "template") =>
      checkTemplate(
        where === "template"
          ? { ...template, print }
          : { ...template, appendices: template.appendices.map((a) => (a.id === where ? { ...a, print } : a)) },
      );
    expect(checkTemplate(template)).toEqual([]);
    expect(bad({ ...template.print, orientation: "sideways" })).toEqual([
      "template: print.orientation is landscape or portrait",
    ]);
    expect(bad({ ...template.print, paper: "Letter" }, "PL02")).toEqual(["PL02: print.paper must be A4"]);
    expect(bad({ ...template.print, pageNumbers: "yes" })).toEqual(["template: print.pageNumbers is true or false"]);
    expect(bad({ ...template.print, signature: { signers: [] } })).toEqual([
      "template: print.signature.signers is a list of { title, note? }",
    ]);
    expect(bad({ ...template.print, signature: { place: 5, signers: [{ title: "Người lập biểu" }] } })).toEqual([
      "template: print.signature.place is text",
    ]);
    expect(bad("landscape")).toEqual(["template: print is not an object"]);
  });
});

describe("reading a printed workbook back ignores the signature block", () => {
  it("reads the plan's figures with no issue, the signature rows under the total", () => {
    const ev = validateWorkbook(template, printed());
    expect(ev.report.errors).toEqual([]);
    expect(ev.report.warnings).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(toFigureTree(template, figures));
  });

  it('the signature block ends the table where "Tổng cộng" is missing', () => {
    const grids = printed().map((sheet) => ({
      sheet: sheet.sheet,
      values: sheet.values.filter((_, r) => r !== sheet.totalRow),
    }));
    const ev = validateWorkbook(template, grids);
    expect(ev.report.errors).toEqual([]);
    expect(toFigureTree(template, ev.figures)).toEqual(toFigureTree(template, figures));
  });
});

describe("what ends a table", () => {
  it("an item whose label reads like a date line is still an item; the signature block is not", () => {
    const t = structuredClone(getTemplate("kh-157-2023")!);
    t.appendices[0].items[0].label = "Kỷ niệm ngày 2 tháng 9 năm 2025";
    const figures = planFigures(getTemplate("kh-157-2023")!)!;
    const sheets = t.appendices.map((a) => printAppendix(t, a, { figures }));
    const { report, figures: read } = validateWorkbook(t, sheets, { comparePlan: false });
    expect(report.errors).toEqual([]);
    expect(read).toEqual(figures);
  });
});
