// Cell references and sheet names as Excel accepts them.
import { describe, expect, it } from "vitest";
import { cellRef, needsQuotes, parseCellRef, uniqueSheetName } from "../../addin/excel";
import { cutAtLetter } from "../../addin/excel/cell-ref";
import { sheetNameNeedsQuotes, sheetNameProblem } from "./support/fake-excel";

describe("cell references", () => {
  it("quotes a sheet name wherever Excel could read it as a reference or it holds other characters", () => {
    expect(cellRef("PL01", "H8")).toBe("'PL01'!H8");
    expect(cellRef("PL01 (cũ)", "H8")).toBe("'PL01 (cũ)'!H8");
    expect(cellRef("O'Brien", "A1")).toBe("'O''Brien'!A1");
    expect(cellRef("Sheet1", "A1")).toBe("Sheet1!A1");
    expect(cellRef("R1C1", "A1")).toBe("'R1C1'!A1");
    // The adapter's rule agrees with the in-memory Excel's (written separately from Excel's docs).
    for (const name of [
      "PL01",
      "PL02",
      "Sheet1",
      "Tổng hợp 2026-11-26",
      "R2C3",
      "XFE1",
      "A1",
      "abc",
      "_x",
      "Phụ lục 01",
    ]) {
      expect(needsQuotes(name) || !sheetNameNeedsQuotes(name), name).toBe(true);
    }
  });

  it("reads both the contract's form and Excel's quoted form", () => {
    expect(parseCellRef("PL01!H8")).toEqual({ sheet: "PL01", address: "H8" });
    expect(parseCellRef("'PL01'!$H$8")).toEqual({ sheet: "PL01", address: "H8" });
    expect(parseCellRef("'O''Brien'!a1")).toEqual({ sheet: "O'Brien", address: "A1" });
    expect(parseCellRef("no cell")).toBeNull();
  });
});

describe("sheet names", () => {
  it("are cut to 31 characters without cutting a Vietnamese letter in two", () => {
    const nfd = "Tổng hợp kinh phí thực hiện năm 2025".normalize("NFD");
    const name = uniqueSheetName(nfd, []);
    expect(name.length).toBeLessThanOrEqual(31);
    expect(name).toBe(name.normalize("NFC"));
    expect(sheetNameProblem(name)).toBeNull();
    // A decomposed letter at the cut loses nothing: the cut moves before it.
    expect(cutAtLetter("ab" + "e\u0302\u0323", 3)).toBe("ab");
    expect(cutAtLetter("ab\ud83d\ude00", 3)).toBe("ab");
  });

  it("are always valid in Excel, and unique", () => {
    for (const wanted of ["History", "'PL01'", "a/b:c", "x".repeat(40), "Tổng hợp 2026-11-26"]) {
      const name = uniqueSheetName(wanted, []);
      expect(sheetNameProblem(name), `${wanted} → ${name}`).toBeNull();
    }
    expect(uniqueSheetName("Tổng hợp", ["tổng hợp"])).toBe("Tổng hợp 2");
    const long = "Tổng hợp kinh phí thực hiện năm 2025";
    const taken = [uniqueSheetName(long, [])];
    const second = uniqueSheetName(long, taken);
    expect(second.endsWith(" 2")).toBe(true);
    expect(second.length).toBeLessThanOrEqual(31);
  });
});
