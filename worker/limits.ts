// Every size limit the Worker enforces on what it is sent, in one place (issue 14: the upload
// limit used to be written as 4, 5 and 10 MiB in four places).
import { MAX_XML_BYTES, type XlsxLimits } from "./xlsx/limits";

const KIB = 1024;
const MIB = 1024 * KIB;

/**
 * Largest spreadsheet a unit may upload (the file itself): a filled plan-157 workbook is tens
 * of KiB, so 4 MiB leaves room for logos, styles and other programs' extras. The pages say it
 * (UPLOAD_LIMIT_MIB), the xlsx reader enforces it (UPLOAD_LIMITS, and its own default).
 */
export const MAX_UPLOAD_BYTES = 4 * MIB;

/**
 * Largest request body on /api/* and the upload page: one upload plus the multipart form
 * around it (boundaries, the other fields), so a file of exactly MAX_UPLOAD_BYTES still gets
 * the reader's precise answer. Anything over it holds more than MAX_UPLOAD_BYTES of data,
 * which is what the 413 says.
 */
export const MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 64 * KIB;

/**
 * Largest JSON body (submissions, tokens, locks…). A whole plan-157 submission is about 3 KiB
 * and a five-year form with hundreds of items under 100 KiB, while parsing an object costs per
 * key: a 5 MiB body of 500,000 empty keys took half a second of CPU before anything was checked.
 */
export const MAX_JSON_BYTES = 256 * KIB;

/**
 * Uploads are bounded for the Workers CPU budget, not just memory: a district workbook has a
 * few hundred cells, so 20,000 is generous. The XML is allowed its full cap (MAX_XML_BYTES,
 * 5.5 MiB), not the part that 20,000 cells would need: Excel writes a sheet whose whole range
 * was formatted as thousands of empty styled cells (5 MB of XML for 5,000 rows per sheet), which
 * the reader skips at next to no cost, and refusing such a legitimate workbook helps nobody. The
 * largest file these limits admit reads within 50 ms of CPU (BENCH.md R-rows).
 */
export const UPLOAD_LIMITS: Partial<XlsxLimits> = {
  maxUploadBytes: MAX_UPLOAD_BYTES,
  maxCells: 20_000,
  maxGridArea: 200_000,
  maxXmlBytes: MAX_XML_BYTES,
};

/** A limit as people read it: "4 MiB", "256 KiB" (the same in Vietnamese and English). */
export function sizeText(bytes: number): string {
  if (bytes >= MIB) return `${Math.floor(bytes / MIB)} MiB`;
  if (bytes >= KIB) return `${Math.floor(bytes / KIB)} KiB`;
  return `${bytes} B`;
}

/** The upload limit in MiB, the `{mib}` of the pages' upload hint and their 413 page. */
export const UPLOAD_LIMIT_MIB = MAX_UPLOAD_BYTES / MIB;

/** The task pane's origins from the ADDIN_ORIGINS variable (comma-separated). */
export function allowedOrigins(setting: string | undefined): string[] {
  return (setting ?? "")
    .split(",")
    .map((o) => o.trim())
    .filter(Boolean);
}
