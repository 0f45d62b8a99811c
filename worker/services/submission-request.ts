// The POST /api/submissions body, whatever carries it: canonical JSON, or the filled workbook
// as the raw body (a workbook content type, fields in the query) or as a multipart form (`file`
// plus `template`, `unit`, `kind`, optional `baseVersion`). The workbook is .xlsx or .ods (or
// LibreOffice's flat .fods), told apart by its bytes whatever its name or declared type; any
// other file is refused with what it is and what to do (worker/xlsx/detect.ts).
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { SubmissionBody, UploadFields } from "../schemas";
import { parseJson, parseWith } from "../validation";
import { readSpreadsheetFile, XlsxError, type XlsxLimits } from "../xlsx";
import { XLSX_TYPE } from "./export";
import type { SubmitRequest } from "./submit";

/**
 * Uploads are bounded for the Workers CPU budget, not just memory: a district workbook has a
 * few hundred cells, so 20,000 is generous. The XML and text budgets derive from maxCells
 * (worker/xlsx/limits.ts), so no file costs more than twice the largest legitimate one; that one
 * (20,000 cells) costs tens of milliseconds (bench X1), which tighter limits would lower.
 */
export const UPLOAD_LIMITS: Partial<XlsxLimits> = { maxUploadBytes: 4 * 1024 * 1024, maxCells: 20_000, maxGridArea: 200_000 };

type Parsed = Omit<SubmitRequest, "idempotencyKey" | "dryRun">;

export const ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet";

/**
 * Raw-body content types read as a workbook: .xlsx and .ods, and the types browsers and tools
 * give other spreadsheet files (.xls, .xlsm, .xlsb) or none in particular, so that such a file
 * gets its precise refusal ("this is an .xls: save it as .xlsx") rather than a 415.
 */
const WORKBOOK_TYPES = new Set([
  XLSX_TYPE,
  ODS_TYPE,
  "application/vnd.oasis.opendocument.spreadsheet-template",
  "application/vnd.ms-excel",
  "application/vnd.ms-excel.sheet.macroenabled.12",
  "application/vnd.ms-excel.sheet.binary.macroenabled.12",
  "application/octet-stream",
]);

function workbook(bytes: Uint8Array, name: string | null, fields: { template: string; unit: string; kind: "plan" | "execution"; baseVersion?: number }): Parsed {
  try {
    const { grids, format } = readSpreadsheetFile(bytes, UPLOAD_LIMITS);
    return { ...fields, source: "upload", grids, file: { bytes, name, format } };
  } catch (err) {
    if (err instanceof XlsxError) {
      const details: Record<string, unknown> = {};
      if (err.limit !== undefined) details.limit = err.limit;
      if (err.format !== undefined) details.format = err.format;
      if (err.messageEn !== undefined) details.messageEn = err.messageEn;
      throw new ApiError(err.status, err.code, err.message, Object.keys(details).length ? details : undefined);
    }
    throw err;
  }
}

export async function readSubmissionRequest(c: Context<AppEnv>): Promise<Parsed> {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") {
    const body = await parseJson(c, SubmissionBody);
    const source = c.req.header("X-Client") === "kh157-addin" ? "addin" : "api";
    return { template: body.template, unit: body.unit, kind: body.kind, baseVersion: body.baseVersion, appendices: body.appendices, source };
  }
  if (WORKBOOK_TYPES.has(type)) {
    const fields = parseWith(c.req.query(), UploadFields);
    const name = c.req.header("X-File-Name") ?? null;
    return workbook(new Uint8Array(await c.req.arrayBuffer()), name && decodeURIComponent(name).slice(0, 200), fields);
  }
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await c.req.raw.formData();
    } catch {
      throw new ApiError(400, "INVALID_FORM", "Biểu mẫu gửi lên không đọc được.");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw new ApiError(400, "FILE_MISSING", "Thiếu tệp bảng tính (.xlsx hoặc .ods) trong trường \"file\".");
    const fields = parseWith(Object.fromEntries([...form.entries()].filter(([k, v]) => k !== "file" && typeof v === "string")), UploadFields);
    return workbook(new Uint8Array(await file.arrayBuffer()), file.name.slice(0, 200) || null, fields);
  }
  throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Hãy gửi JSON (application/json) hoặc tệp bảng tính .xlsx hoặc .ods.");
}
