// Strings inside SpreadsheetML: characters XML 1.0 cannot carry are written "_xHHHH_" (and a
// literal "_x0041_" in the text is protected as "_x005F_x0041_").
import { XlsxError } from "./errors";
import type { XlsxLimits } from "./limits";

const ESCAPED = /_x([0-9A-Fa-f]{4})_/g;

export function unescapeOoxml(text: string): string {
  return text.indexOf("_x") < 0
    ? text
    : text.replace(ESCAPED, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

// Control characters but tab and LF (CR too: XML parsers turn it into LF), and a literal
// escape-looking "_xHHHH_".
const NEEDS_ESCAPE = /[\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4}_)/g;

export function escapeOoxml(text: string): string {
  return text.replace(NEEDS_ESCAPE, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}

export function checkLength(text: string, limits: XlsxLimits): string {
  if (text.length > limits.maxStringLength) {
    throw new XlsxError(
      "XLSX_STRING_TOO_LONG",
      `Một ô chứa chuỗi quá dài (tối đa ${limits.maxStringLength} ký tự).`,
      limits.maxStringLength,
    );
  }
  return text;
}
