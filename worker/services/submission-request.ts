// The POST /api/submissions body, whatever carries it: canonical JSON, or the filled workbook
// as the raw body (a workbook content type, fields in the query) or as a multipart form (`file`
// plus `template`, `unit`, `kind`, optional `baseVersion` and `newVersion`). The workbook is .xlsx or .ods (or
// LibreOffice's flat .fods), told apart by its bytes whatever its name or declared type; any
// other file is refused with what it is and what to do (worker/xlsx/detect.ts).
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../env";
import { ApiError, catalogueError } from "../errors";
import { UPLOAD_LIMITS } from "../limits";
import { SubmissionBody, UploadFields } from "../schemas";
import { parseJson, parseWith } from "../request-input";
import { readSpreadsheetFile, XlsxError } from "../xlsx";
import { XLSX_TYPE } from "./export";
import type { SubmitRequest } from "./submit";

/**
 * The upload bounds live with the other size limits (worker/limits.ts); named here too for the xlsx tests and the
 * bench.
 */
export { UPLOAD_LIMITS };

type Parsed = Omit<SubmitRequest, "idempotencyKey" | "dryRun">;

export const ODS_TYPE = "application/vnd.oasis.opendocument.spreadsheet";

/**
 * Raw-body content types read as a workbook: .xlsx and .ods, and the types browsers and tools
 * give other spreadsheet files (.xls, .xlsm, .xlsb) or none in particular, so that such a file
 * gets its precise refusal ("this is an .xls: save it as .xlsx") rather than a 415.
 */
export const WORKBOOK_TYPES = new Set([
  XLSX_TYPE,
  ODS_TYPE,
  "application/vnd.oasis.opendocument.spreadsheet-template",
  "application/vnd.ms-excel",
  "application/vnd.ms-excel.sheet.macroenabled.12",
  "application/vnd.ms-excel.sheet.binary.macroenabled.12",
  "application/octet-stream",
]);

function workbook(bytes: Uint8Array, name: string | null, fields: z.infer<typeof UploadFields>): Parsed {
  const { grids, format } = readUploadedSpreadsheet(bytes);
  const { newVersion, ...rest } = fields;
  return {
    ...rest,
    ...(newVersion === "true" || newVersion === "1" ? { newVersion: true } : {}),
    source: "upload",
    grids,
    file: { bytes, name, format },
  };
}

/** An uploaded workbook read within the upload limits, the reader's refusals as API errors (uploads, inference). */
export function readUploadedSpreadsheet(bytes: Uint8Array): ReturnType<typeof readSpreadsheetFile> {
  try {
    return readSpreadsheetFile(bytes, UPLOAD_LIMITS);
  } catch (err) {
    if (err instanceof XlsxError) {
      const details: Record<string, unknown> = {};
      if (err.limit !== undefined) details.limit = err.limit;
      if (err.format !== undefined) details.format = err.format;
      if (err.messageEn !== undefined) details.messageEn = err.messageEn;
      // The reader's refusals carry their own English text (messageEn) rather than catalogue params.
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
    return {
      template: body.template,
      unit: body.unit,
      kind: body.kind,
      baseVersion: body.baseVersion,
      appendices: body.appendices,
      ...(body.notes !== undefined ? { notes: body.notes } : {}),
      source,
    };
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
      throw catalogueError(400, "INVALID_FORM");
    }
    const file = form.get("file");
    if (!file || typeof file === "string") throw catalogueError(400, "FILE_MISSING");
    const fields = parseWith(
      Object.fromEntries([...form.entries()].filter(([k, v]) => k !== "file" && typeof v === "string")),
      UploadFields,
    );
    return workbook(new Uint8Array(await file.arrayBuffer()), file.name.slice(0, 200) || null, fields);
  }
  throw catalogueError(415, "UNSUPPORTED_MEDIA_TYPE");
}
