// Text that a spreadsheet would take for a formula is written with a leading apostrophe, in
// workbooks and in CSV; numbers stay numbers. (LibreOffice's view of the same files is in
// libreoffice.test.ts.)
import { describe, expect, it } from "vitest";
import { getTemplate, printAppendix, type PrintedSheet } from "../../domain";
import { escapeCsvField, protectFormulaText, readXlsx, toCsv, writeXlsx } from "../../worker/xlsx";

const HOSTILE = ['=HYPERLINK("x")', "+cmd", "@SUM(1)", "-2+3", "\tX", "\rY"];
const template = getTemplate("kh-157-2023")!;

function probe(values: PrintedSheet["values"]): PrintedSheet {
  const base = printAppendix(template, template.appendices[0], {});
  return {
    ...base,
    sheet: "Probe",
    values,
    formulas: values.map((r) => r.map(() => null)),
    merges: [],
    styles: [],
    inputs: [],
  };
}

describe("formula injection", () => {
  it("protects exactly the text that starts with = + - @ tab or CR", () => {
    expect(HOSTILE.map(protectFormulaText)).toEqual(HOSTILE.map((t) => `'${t}`));
    for (const safe of ["Tổng cộng", "1.209,915", " =1", "a=b", "'quoted", ""])
      expect(protectFormulaText(safe)).toBe(safe);
  });

  it("writeXlsx stores hostile text as protected shared strings, never as formulas, and numbers as numbers", () => {
    const [grid] = readXlsx(writeXlsx([probe([[...HOSTILE, -2, 3.5, true]])]));
    expect(grid.values[0]).toEqual([...HOSTILE.map((t) => `'${t}`), -2, 3.5, true]);
    expect(grid.formulas).toBeUndefined();
  });

  it("escapeCsvField protects and quotes (RFC 4180)", () => {
    expect(escapeCsvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(escapeCsvField("+cmd")).toBe("'+cmd");
    expect(escapeCsvField("@SUM(1)")).toBe("'@SUM(1)");
    expect(escapeCsvField("-2+3")).toBe("'-2+3");
    expect(escapeCsvField("\tX")).toBe("'\tX");
    expect(escapeCsvField("\rY")).toBe(`"'\rY"`);
    expect(escapeCsvField("a, b")).toBe(`"a, b"`);
    expect(escapeCsvField("dòng 1\ndòng 2")).toBe(`"dòng 1\ndòng 2"`);
    expect(escapeCsvField(-2)).toBe("-2");
    expect(escapeCsvField(1209.915)).toBe("1209.915");
    expect(escapeCsvField(null)).toBe("");
    expect(escapeCsvField(false)).toBe("FALSE");
    expect(escapeCsvField("a;b", ";")).toBe(`"a;b"`);
  });

  it("toCsv writes CRLF rows, with a BOM when asked", () => {
    expect(
      toCsv([
        ["STT", "Nội dung"],
        ["1.", "=cmd"],
        [null, -1],
      ]),
    ).toBe(`STT,Nội dung\r\n1.,'=cmd\r\n,-1\r\n`);
    const withBom = toCsv([["a"]], { bom: true });
    expect(withBom.charCodeAt(0)).toBe(0xfeff);
    expect(new TextEncoder().encode(withBom).subarray(0, 3)).toEqual(new Uint8Array([0xef, 0xbb, 0xbf]));
    expect(toCsv([])).toBe("");
  });

  it("the people's CSV (decimal commas, `;`): hostile labels and unit names protected, figures written as numbers", () => {
    const csv = toCsv(
      [
        ["=cmd", "Huyện =X (951)", "a;b", 1209.915, -2.5, 480, null],
        ["+1", "@SUM(1)", "\tX", 0.001, 100, 12.5, 3],
      ],
      { separator: ";", decimalComma: true },
    );
    expect(csv).toBe(`'=cmd;Huyện =X (951);"a;b";1209,915;-2,5;480;\r\n'+1;'@SUM(1);'\tX;0,001;100;12,5;3\r\n`);
    // A decimal comma with the comma as separator would split every figure in two.
    expect(() => toCsv([[1.5]], { decimalComma: true })).toThrow(RangeError);
  });
});
