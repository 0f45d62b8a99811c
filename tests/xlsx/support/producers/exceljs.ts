// ExcelJS (the library many web tools and Node scripts use) writes a layout as .xlsx: values
// and text as typed, formulas with their result (or 0 and a full recalculation on load),
// merged ranges, bold titles and header, number formats on the figures.
import ExcelJS from "exceljs";
import type { LayoutWorkbook } from "./layouts";

export async function writeWithExcelJs(book: LayoutWorkbook): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "producers/exceljs.ts";
  if (book.cache === "zero") wb.calcProperties.fullCalcOnLoad = true;
  for (const sheet of book.sheets) {
    const ws = wb.addWorksheet(sheet.name);
    const body = new Set(sheet.body);
    const bold = new Set(sheet.bold);
    sheet.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell === null) return;
        const target = ws.getCell(r + 1, c + 1);
        target.value =
          typeof cell === "object" ? { formula: cell.f, result: book.cache === "zero" ? 0 : cell.v } : cell;
        if (bold.has(r)) target.font = { bold: true };
        const format = sheet.numFmts[c];
        if (format && body.has(r) && typeof cell !== "string") target.numFmt = format;
      }),
    );
    for (const m of sheet.merges) ws.mergeCells(m);
    sheet.widths.forEach((w, c) => (ws.getColumn(c + 1).width = w));
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
