// Why a workbook file was refused: a stable code the API maps to a status, a Vietnamese
// message for the person who uploaded it (English beside it where there is one), the limit that
// was hit when there is one, and what the file is when it is not a workbook we read.
import type { FileFormat } from "./detect";

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
  | "XLSX_TEXT_LIMIT"
  /** A zip package of another kind: .xlsb, .docx, .pptx, .odt, an archive holding spreadsheets. */
  | "XLSX_OTHER_FORMAT";

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
  XLSX_OTHER_FORMAT: 422,
};

export interface XlsxErrorDetails {
  /** What the bytes are, when they are recognised as another kind of file (detect.ts). */
  format?: FileFormat;
  /** The message in English. */
  messageEn?: string;
}

export class XlsxError extends Error {
  readonly status: 413 | 422;

  readonly format?: FileFormat;
  readonly messageEn?: string;

  constructor(
    readonly code: XlsxErrorCode,
    message: string,
    readonly limit?: number,
    details: XlsxErrorDetails = {},
  ) {
    super(message);
    this.name = "XlsxError";
    this.status = XLSX_STATUS[code];
    if (details.format) this.format = details.format;
    if (details.messageEn) this.messageEn = details.messageEn;
  }
}

export function corrupt(detail: string): XlsxError {
  return new XlsxError("XLSX_CORRUPT", `Tệp .xlsx bị hỏng hoặc không đầy đủ (${detail}).`);
}
