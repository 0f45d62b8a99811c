// What an uploaded file is, from its bytes (never its name): the two workbook formats we read
// (.xlsx, .ods, and LibreOffice's flat .fods), and every common file people send instead, each
// with what to do about it in Vietnamese and English. Districts keep old .xls files, save
// accounting exports that are HTML tables named .xls, print to PDF, send the Word file the table
// was pasted into, or the scan of the signed paper.
import { compoundFileNames, isCompoundFile } from "./cfb";
import { XlsxError, type XlsxErrorCode } from "./errors";
import type { ZipArchive } from "./zip";

export type FileFormat =
  | "xlsx"
  | "ods"
  | "fods"
  | "xls"
  | "xls-html"
  | "xml-2003"
  | "xlsb"
  | "encrypted"
  | "ods-encrypted"
  | "ole"
  | "csv"
  | "text"
  | "pdf"
  | "docx"
  | "doc"
  | "odt"
  | "rtf"
  | "pptx"
  | "odp"
  | "image"
  | "archive"
  | "unknown";

const SAVE_AS_VI =
  'Hãy mở tệp bằng Excel hoặc LibreOffice, chọn Lưu thành (Save As) → "Excel Workbook (*.xlsx)" hoặc "ODF Spreadsheet (*.ods)", rồi tải tệp mới lên.';
const SAVE_AS_EN =
  'Open it in Excel or LibreOffice, choose Save As → "Excel Workbook (*.xlsx)" or "ODF Spreadsheet (*.ods)", and upload the new file.';
const COPY_VI =
  "Hãy chép số liệu vào mẫu biểu .xlsx (tải ở trang nộp báo cáo) hoặc vào bảng tính có các sheet PL01, PL02, PL03 như mẫu, lưu dưới dạng .xlsx hoặc .ods rồi tải lên.";
const COPY_EN =
  "Copy the figures into the .xlsx template (downloadable from the submission page) or into a workbook with sheets PL01, PL02, PL03 laid out like it, save it as .xlsx or .ods and upload that.";

/** What to tell the person, per format we do not read. */
export const FORMAT_ADVICE: Record<Exclude<FileFormat, "xlsx" | "ods" | "fods">, { vi: string; en: string }> = {
  xls: {
    vi: `Đây là tệp Excel 97–2003 (.xls), định dạng cũ mà máy chủ không đọc. ${SAVE_AS_VI}`,
    en: `This is an Excel 97–2003 file (.xls), an old format the server does not read. ${SAVE_AS_EN}`,
  },
  "xls-html": {
    vi: `Tệp này là một trang web (HTML) mang tên .xls — thường do phần mềm kế toán hoặc trang web xuất ra — không phải bảng tính thật. ${SAVE_AS_VI}`,
    en: `This file is a web page (HTML) named .xls — as accounting programs and web sites export tables — not a real workbook. ${SAVE_AS_EN}`,
  },
  "xml-2003": {
    vi: `Đây là bảng tính dạng XML 2003 (XML Spreadsheet), máy chủ không đọc. ${SAVE_AS_VI}`,
    en: `This is an XML Spreadsheet 2003 file, which the server does not read. ${SAVE_AS_EN}`,
  },
  xlsb: {
    vi: 'Đây là bảng tính Excel dạng nhị phân (.xlsb), máy chủ không đọc. Hãy mở tệp bằng Excel, chọn Lưu thành (Save As) → "Excel Workbook (*.xlsx)" rồi tải tệp mới lên.',
    en: 'This is an Excel Binary Workbook (.xlsb), which the server does not read. Open it in Excel, choose Save As → "Excel Workbook (*.xlsx)" and upload the new file.',
  },
  encrypted: {
    vi: 'Tệp Excel này được đặt mật khẩu (mã hóa) nên máy chủ không đọc được. Hãy mở tệp bằng mật khẩu, bỏ mật khẩu (File → Info → Protect Workbook → Encrypt with Password, xóa trống; LibreOffice: bỏ chọn "Lưu với mật khẩu"), lưu lại dưới dạng .xlsx rồi tải lên.',
    en: 'This Excel file is password-protected (encrypted), so the server cannot read it. Open it with the password, remove the password (File → Info → Protect Workbook → Encrypt with Password, clear it; LibreOffice: untick "Save with password"), save it as .xlsx and upload it.',
  },
  "ods-encrypted": {
    vi: 'Tệp .ods này được lưu với mật khẩu (mã hóa) nên máy chủ không đọc được. Hãy mở tệp trong LibreOffice, chọn Lưu thành (Save As), bỏ chọn "Lưu với mật khẩu" (Save with password), lưu lại rồi tải lên.',
    en: 'This .ods file was saved with a password (encrypted), so the server cannot read it. Open it in LibreOffice, choose Save As, untick "Save with password", save it and upload it again.',
  },
  ole: {
    vi: `Đây là tệp Office dạng cũ (.xls, .doc) hoặc tệp Excel có đặt mật khẩu; máy chủ không đọc được. Hãy bỏ mật khẩu nếu có, rồi lưu lại dưới dạng .xlsx (Lưu thành → "Excel Workbook (*.xlsx)") và tải lên.`,
    en: 'This is an old-format Office file (.xls, .doc) or a password-protected Excel file, which the server cannot read. Remove any password, save it as .xlsx (Save As → "Excel Workbook (*.xlsx)") and upload it.',
  },
  csv: {
    vi:
      "Đây là tệp văn bản CSV, không phải bảng tính: CSV không giữ được tiêu đề gộp ô và các sheet PL01–PL03 của mẫu biểu. " +
      COPY_VI,
    en:
      "This is a CSV text file, not a workbook: CSV cannot keep the template's merged headers and its sheets PL01–PL03. " +
      COPY_EN,
  },
  text: {
    vi: "Đây là tệp văn bản thuần, không phải bảng tính. " + COPY_VI,
    en: "This is a plain text file, not a workbook. " + COPY_EN,
  },
  pdf: {
    vi: "Đây là tệp PDF (bản in hoặc bản quét); máy chủ không đọc số liệu từ PDF. Hãy tải lên chính tệp bảng tính (.xlsx hoặc .ods) đã dùng để in, không phải bản PDF.",
    en: "This is a PDF (a print-out or a scan); the server does not read figures from PDF. Upload the workbook itself (.xlsx or .ods) that was printed, not the PDF.",
  },
  docx: {
    vi: "Đây là văn bản Word (.docx), không phải bảng tính. " + COPY_VI,
    en: "This is a Word document (.docx), not a workbook. " + COPY_EN,
  },
  doc: {
    vi: "Đây là văn bản Word 97–2003 (.doc), không phải bảng tính. " + COPY_VI,
    en: "This is a Word 97–2003 document (.doc), not a workbook. " + COPY_EN,
  },
  odt: {
    vi: "Đây là văn bản LibreOffice Writer (.odt), không phải bảng tính. " + COPY_VI,
    en: "This is a LibreOffice Writer document (.odt), not a workbook. " + COPY_EN,
  },
  rtf: {
    vi: "Đây là văn bản RTF, không phải bảng tính. " + COPY_VI,
    en: "This is an RTF document, not a workbook. " + COPY_EN,
  },
  pptx: {
    vi: "Đây là bản trình chiếu PowerPoint, không phải bảng tính. " + COPY_VI,
    en: "This is a PowerPoint presentation, not a workbook. " + COPY_EN,
  },
  odp: {
    vi: "Đây là tài liệu LibreOffice (trình chiếu hoặc hình vẽ), không phải bảng tính. " + COPY_VI,
    en: "This is a LibreOffice presentation or drawing, not a workbook. " + COPY_EN,
  },
  image: {
    vi: "Đây là tệp ảnh (ảnh chụp hoặc bản quét); máy chủ không đọc số liệu từ ảnh. Hãy tải lên tệp bảng tính (.xlsx hoặc .ods) chứa số liệu.",
    en: "This is an image (a photo or a scan); the server does not read figures from images. Upload the workbook (.xlsx or .ods) holding the figures.",
  },
  archive: {
    vi: "Đây là tệp nén (.zip, .rar, .7z, .gz…), không phải bảng tính. Hãy giải nén rồi tải lên chính tệp bảng tính .xlsx hoặc .ods (tệp .gnumeric của Gnumeric: lưu lại dưới dạng .xlsx hoặc .ods).",
    en: "This is a compressed archive (.zip, .rar, .7z, .gz…), not a workbook. Extract it and upload the .xlsx or .ods workbook itself (a Gnumeric .gnumeric file: save it as .xlsx or .ods).",
  },
  unknown: {
    vi: "Tệp không phải là bảng tính .xlsx hoặc .ods. Hãy lưu bảng tính dưới dạng .xlsx (Excel) hoặc .ods (LibreOffice) rồi tải lên.",
    en: "The file is not an .xlsx or .ods workbook. Save the workbook as .xlsx (Excel) or .ods (LibreOffice) and upload it.",
  },
};

/**
 * The refusal for a file recognised as `format`: XLSX_NOT_ZIP for what is not a zip package at
 * all (as before), XLSX_OTHER_FORMAT for a zip package of another kind, XLSX_UNSUPPORTED for a
 * password-protected .ods (as for encrypted zip entries).
 */
export function formatError(format: Exclude<FileFormat, "xlsx" | "ods" | "fods">, zip = false): XlsxError {
  const advice = FORMAT_ADVICE[format];
  const code: XlsxErrorCode =
    format === "ods-encrypted" ? "XLSX_UNSUPPORTED" : zip ? "XLSX_OTHER_FORMAT" : "XLSX_NOT_ZIP";
  return new XlsxError(code, advice.vi, undefined, { format, messageEn: advice.en });
}

export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    (bytes[2] === 3 || bytes[2] === 5 || bytes[2] === 7) &&
    bytes[3] === bytes[2] + 1
  );
}

const starts = (bytes: Uint8Array, ...sig: number[]) =>
  bytes.length >= sig.length && sig.every((b, k) => bytes[k] === b);
/** How much of a text file is looked at: its markers are at the start. */
const HEAD = 8192;

/**
 * A text file's first bytes as text: UTF-16 with a byte-order mark, else one character per byte (markers are ASCII).
 */
function headText(bytes: Uint8Array): string {
  const head = bytes.subarray(0, HEAD);
  if (starts(head, 0xff, 0xfe) || starts(head, 0xfe, 0xff)) {
    return new TextDecoder(head[0] === 0xff ? "utf-16le" : "utf-16be").decode(head.subarray(2, head.length & ~1));
  }
  let text = "";
  for (let k = starts(head, 0xef, 0xbb, 0xbf) ? 3 : 0; k < head.length; k++) text += String.fromCharCode(head[k]);
  return text;
}

/** Control characters other than tab, line breaks, form feed and escape: a binary file has them, a text file not. */
function looksBinary(text: string): boolean {
  let control = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b) control++;
  }
  return control > text.length / 100;
}

/** An old BIFF2–BIFF5 worksheet stream on its own (no OLE2 container): a BOF record first. */
function isBiffStream(bytes: Uint8Array): boolean {
  if (bytes.length < 8 || bytes[0] !== 0x09 || ![0x00, 0x02, 0x04, 0x08].includes(bytes[1])) return false;
  const length = bytes[2] | (bytes[3] << 8);
  return length >= 4 && length <= 20;
}

/** What a file that is not a zip package is. */
export function sniffBytes(bytes: Uint8Array): FileFormat {
  if (isCompoundFile(bytes)) {
    const names = new Set(compoundFileNames(bytes));
    if (names.has("EncryptionInfo") || names.has("EncryptedPackage")) return "encrypted";
    if (names.has("Workbook") || names.has("Book") || names.has("WORKBOOK") || names.has("BOOK")) return "xls";
    if (names.has("WordDocument")) return "doc";
    if (names.has("PowerPoint Document")) return "pptx";
    return "ole";
  }
  if (starts(bytes, 0x25, 0x50, 0x44, 0x46, 0x2d)) return "pdf"; // %PDF-
  if (starts(bytes, 0x89, 0x50, 0x4e, 0x47) || starts(bytes, 0xff, 0xd8, 0xff) || starts(bytes, 0x47, 0x49, 0x46, 0x38))
    return "image"; // PNG, JPEG, GIF
  if (starts(bytes, 0x49, 0x49, 0x2a, 0x00) || starts(bytes, 0x4d, 0x4d, 0x00, 0x2a)) return "image"; // TIFF (scanners)
  if (
    starts(bytes, 0x52, 0x49, 0x46, 0x46) &&
    bytes.length >= 12 &&
    String.fromCharCode(...bytes.subarray(8, 12)) === "WEBP"
  )
    return "image";
  if (starts(bytes, 0x1f, 0x8b) || starts(bytes, 0x52, 0x61, 0x72, 0x21) || starts(bytes, 0x37, 0x7a, 0xbc, 0xaf))
    return "archive"; // gzip (.gnumeric), RAR, 7z
  if (isBiffStream(bytes)) return "xls";
  if (!bytes.length) return "unknown";
  const text = headText(bytes);
  if (looksBinary(text)) return "unknown";
  const lower = text.trimStart().toLowerCase();
  if (lower.startsWith("{\\rtf")) return "rtf";
  if (
    lower.startsWith("<?xml") ||
    lower.startsWith("<office:document") ||
    lower.startsWith("<workbook") ||
    lower.startsWith("<?mso-application")
  ) {
    if (/<office:document[\s>]/.test(lower) && lower.includes("application/vnd.oasis.opendocument.spreadsheet"))
      return "fods";
    if (lower.includes("urn:schemas-microsoft-com:office:spreadsheet") || lower.includes('progid="excel.sheet"'))
      return "xml-2003";
    if (lower.includes("<html") || lower.includes("urn:schemas-microsoft-com:office:excel")) return "xls-html";
    return "unknown";
  }
  if (
    lower.startsWith("<!doctype html") ||
    lower.startsWith("<html") ||
    lower.startsWith("<table") ||
    lower.startsWith("<meta") ||
    lower.startsWith("<head") ||
    lower.startsWith("<body") ||
    lower.startsWith("<style") ||
    lower.startsWith("<!--") ||
    /<html[\s>]|<table[\s>]/.test(lower) ||
    lower.includes("urn:schemas-microsoft-com:office:excel")
  ) {
    return "xls-html";
  }
  const lines = lower
    .split(/\r\n|\r|\n/)
    .slice(0, 20)
    .filter((l) => l.trim());
  const separated = lines.filter((l) => /[,;\t]/.test(l)).length;
  return lines.length && separated >= Math.ceil(lines.length / 2) ? "csv" : "text";
}

/** What an opened zip package is, from its entry names (and an OpenDocument's `mimetype`). */
export function zipFormat(zip: ZipArchive): FileFormat {
  const names = new Set(zip.names);
  if (names.has("mimetype")) {
    const size = zip.sizeOf("mimetype") ?? 0;
    const type = size > 0 && size <= 200 ? new TextDecoder().decode(zip.read("mimetype")).trim() : "";
    if (type.startsWith("application/vnd.oasis.opendocument.spreadsheet")) return "ods";
    if (type.startsWith("application/vnd.oasis.opendocument.text")) return "odt";
    if (type.startsWith("application/vnd.oasis.opendocument.")) return "odp";
  }
  if (names.has("content.xml") && names.has("META-INF/manifest.xml") && !names.has("_rels/.rels")) return "ods";
  if (names.has("xl/workbook.bin")) return "xlsb";
  if (names.has("word/document.xml") && !names.has("xl/workbook.xml")) return "docx";
  if (names.has("ppt/presentation.xml") && !names.has("xl/workbook.xml")) return "pptx";
  if (
    !names.has("_rels/.rels") &&
    !names.has("[Content_Types].xml") &&
    zip.names.some((n) => /\.(?:xlsx|xlsm|xls|xlsb|ods|csv)$/i.test(n))
  )
    return "archive";
  return "xlsx";
}
