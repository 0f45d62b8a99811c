import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { type IssueCode, renderMessage } from "../domain";
import type { AppEnv } from "./env";

/** A failure the client can act on: a stable code, a Vietnamese message and an HTTP status. */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/**
 * Codes whose answer never names the unit it refuses: the unit of another district's snapshot
 * (its code, or its name) is that district's data, and a submitter only ever sees
 * UNIT_FORBIDDEN for a unit that is not its own, so "another unit" says all there is to say.
 */
const UNNAMED_UNIT: Partial<Record<IssueCode, Record<string, string>>> = { UNIT_FORBIDDEN: { unit: "khác" } };

/** An ApiError whose message comes from the domain's issue catalogue, so no text is written twice. */
export function catalogueError(status: ContentfulStatusCode, code: IssueCode, params: Record<string, string | number>, details?: Record<string, unknown>): ApiError {
  const hidden = UNNAMED_UNIT[code];
  return new ApiError(status, code, renderMessage(code, hidden ? { ...params, ...hidden } : params), hidden ? undefined : details);
}

export function errorBody(code: string, message: string, details?: Record<string, unknown>) {
  return { errors: [{ code, message, ...details }] };
}

const statusCodes: Partial<Record<number, [string, string]>> = {
  400: ["BAD_REQUEST", "Yêu cầu không hợp lệ"],
  401: ["UNAUTHORIZED", "Chưa xác thực"],
  403: ["FORBIDDEN", "Không có quyền truy cập"],
  404: ["NOT_FOUND", "Không tìm thấy"],
  405: ["METHOD_NOT_ALLOWED", "Phương thức không được hỗ trợ"],
  413: ["PAYLOAD_TOO_LARGE", "Dữ liệu gửi lên quá lớn"],
};

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status);
  }
  if (err instanceof HTTPException && err.status < 500) {
    const [code, message] = statusCodes[err.status] ?? ["BAD_REQUEST", "Yêu cầu không hợp lệ"];
    return c.json(errorBody(code, message), err.status);
  }
  // Unexpected: log it for `wrangler tail`, never send the stack to the client.
  console.error(`${c.req.method} ${c.req.path}:`, err);
  return c.json(errorBody("INTERNAL", "Lỗi máy chủ, vui lòng thử lại sau"), 500);
}

export function onNotFound(c: Context<AppEnv>) {
  return c.json(errorBody("NOT_FOUND", "Không tìm thấy"), 404);
}
