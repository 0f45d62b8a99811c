// An uploaded workbook, whatever carries it: .xlsx (Excel, LibreOffice, Gnumeric, openpyxl,
// xlsxwriter…), .ods (LibreOffice's own format, Gnumeric) or LibreOffice's flat .fods, told
// apart by their bytes, never their names, and read into the same grids under the same bounds.
// Every other file is refused with what it is and what to do (detect.ts).
import type { Grid } from "../../domain";
import { type FileFormat, formatError, isZip, sniffBytes, zipFormat } from "./detect";
import { XlsxError } from "./errors";
import { withDefaults, type XlsxLimits } from "./limits";
import { readFlatOds, readOdsPackage } from "./ods";
import { readXlsxPackage } from "./read";
import { openZip } from "./zip";

/** The formats readSpreadsheet reads. */
export type SpreadsheetFormat = Extract<FileFormat, "xlsx" | "ods" | "fods">;

export interface SpreadsheetRead {
  format: SpreadsheetFormat;
  grids: Grid[];
}

/** Reads an uploaded workbook and says which format it was. */
export function readSpreadsheetFile(bytes: Uint8Array, limits?: Partial<XlsxLimits>): SpreadsheetRead {
  const lim = withDefaults(limits);
  if (bytes.length > lim.maxUploadBytes) {
    throw new XlsxError("XLSX_TOO_LARGE", `Tệp quá lớn (tối đa ${lim.maxUploadBytes} byte).`, lim.maxUploadBytes, {
      messageEn: `The file is too large (at most ${lim.maxUploadBytes} bytes).`,
    });
  }
  if (!isZip(bytes)) {
    const format = sniffBytes(bytes);
    if (format === "fods") return { format, grids: readFlatOds(bytes, lim) };
    throw formatError(format === "xlsx" || format === "ods" ? "unknown" : format);
  }
  const zip = openZip(bytes, lim);
  const format = zipFormat(zip);
  if (format === "ods") return { format, grids: readOdsPackage(zip, lim) };
  if (format !== "xlsx") throw formatError(format === "fods" ? "unknown" : format, true);
  return { format, grids: readXlsxPackage(zip, lim) };
}

/** The grids of an uploaded .xlsx, .ods or .fods workbook (see readSpreadsheetFile). */
export function readSpreadsheet(bytes: Uint8Array, limits?: Partial<XlsxLimits>): Grid[] {
  return readSpreadsheetFile(bytes, limits).grids;
}
