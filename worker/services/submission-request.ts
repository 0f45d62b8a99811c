// The POST /api/submissions body, whatever carries it: canonical JSON, or (uploads) the
// workbook as the raw body or a multipart form.
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ApiError } from "../errors";
import { SubmissionBody } from "../schemas";
import { parseJson } from "../validation";
import type { SubmitRequest } from "./submit";

export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

type Parsed = Omit<SubmitRequest, "idempotencyKey" | "dryRun">;

export async function readSubmissionRequest(c: Context<AppEnv>): Promise<Parsed> {
  const type = (c.req.header("Content-Type") ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/json") {
    const body = await parseJson(c, SubmissionBody);
    const source = c.req.header("X-Client") === "kh157-addin" ? "addin" : "api";
    return { template: body.template, unit: body.unit, kind: body.kind, baseVersion: body.baseVersion, appendices: body.appendices, source };
  }
  if (type === XLSX_TYPE || type === "multipart/form-data") {
    throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Chưa nhận tệp .xlsx ở phiên bản này; hãy gửi JSON.");
  }
  throw new ApiError(415, "UNSUPPORTED_MEDIA_TYPE", "Hãy gửi JSON (application/json) hoặc tệp .xlsx.");
}
