// Why a workbook file was refused: a stable code the API maps to a status, a Vietnamese
// message for the person who uploaded it, and the limit that was hit when there is one.

export type XlsxErrorCode =
  | "XLSX_TOO_LARGE"
  | "XLSX_NOT_ZIP"
  | "XLSX_CORRUPT"
  | "XLSX_UNSUPPORTED"
  | "XLSX_TOO_MANY_ENTRIES"
  | "XLSX_INFLATE_LIMIT"
  | "XLSX_DTD_FORBIDDEN"
  | "XLSX_TOO_MANY_CELLS"
  | "XLSX_STRING_TOO_LONG"
  | "XLSX_NO_SHEETS"
  | "XLSX_TOO_MANY_SHEETS"
  | "XLSX_TEXT_LIMIT";

/** The HTTP status each code answers with: only the upload size is a 413, the rest are unreadable files. */
export const XLSX_STATUS: Record<XlsxErrorCode, 413 | 422> = {
  XLSX_TOO_LARGE: 413,
  XLSX_NOT_ZIP: 422,
  XLSX_CORRUPT: 422,
  XLSX_UNSUPPORTED: 422,
  XLSX_TOO_MANY_ENTRIES: 422,
  XLSX_INFLATE_LIMIT: 422,
  XLSX_DTD_FORBIDDEN: 422,
  XLSX_TOO_MANY_CELLS: 422,
  XLSX_STRING_TOO_LONG: 422,
  XLSX_NO_SHEETS: 422,
  XLSX_TOO_MANY_SHEETS: 422,
  XLSX_TEXT_LIMIT: 422,
};

export class XlsxError extends Error {
  readonly status: 413 | 422;

  constructor(
    readonly code: XlsxErrorCode,
    message: string,
    readonly limit?: number,
  ) {
    super(message);
    this.name = "XlsxError";
    this.status = XLSX_STATUS[code];
  }
}

export function corrupt(detail: string): XlsxError {
  return new XlsxError("XLSX_CORRUPT", `Tệp .xlsx bị hỏng hoặc không đầy đủ (${detail}).`);
}
