import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  type ApiErrorItem,
  CATALOGUE,
  type CatalogueParams,
  type ErrorAnswer,
  type IssueCode,
  type Params,
  renderMessage,
} from "../domain";
import type { AppEnv } from "./env";
import { MAX_BODY_BYTES, MAX_UPLOAD_BYTES, sizeText } from "./limits";

/**
 * A failure the client can act on: a stable code, a Vietnamese message, the params a client
 * renders another language from (catalogue codes), and an HTTP status. Built with
 * catalogueError; only the xlsx reader's refusals, which carry their own English text
 * (`messageEn`), are built directly.
 */
export class ApiError<Code extends string = string> extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: Code,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly params?: Params,
  ) {
    super(message);
    this.name = "ApiError";
  }

  /** The item of the `{ errors: [...] }` answer. */
  item(): ApiErrorItem {
    return { code: this.code, message: this.message, ...(this.params ? { params: this.params } : {}), ...this.details };
  }
}

/** Longest text a param repeats from the request (an id, a date…): the answer never grows with the input. */
const MAX_PARAM_TEXT = 200;

/** The names a code's texts use: params beyond them are never sent (they could say more than the text does). */
function placeholders(code: IssueCode): Set<string> {
  const { vi, en } = CATALOGUE[code];
  return new Set([...`${vi} ${en}`.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
}

/**
 * Codes answered without details: UNIT_FORBIDDEN never names the unit it refuses (another
 * district's unit code or name is that district's data); its texts name none, so its params
 * are empty too.
 */
const WITHOUT_DETAILS = new Set<IssueCode>(["UNIT_FORBIDDEN"]);

type Details = Record<string, unknown>;

/** Params are required exactly when the code's texts have placeholders, and refused when they have none. */
type ParamArgs<C extends IssueCode> = keyof CatalogueParams<C> extends never
  ? [params?: Record<string, never>, details?: Details]
  : [params: CatalogueParams<C>, details?: Details];

/** An ApiError whose message comes from the domain's catalogue, so no text is written twice. */
export function catalogueError<C extends IssueCode>(
  status: ContentfulStatusCode,
  code: C,
  ...[given, details]: ParamArgs<C>
): ApiError<C> {
  const names = placeholders(code);
  const params: Params = {};
  for (const [k, v] of Object.entries((given ?? {}) as Params)) {
    if (names.has(k))
      params[k] = typeof v === "string" && v.length > MAX_PARAM_TEXT ? `${v.slice(0, MAX_PARAM_TEXT)}…` : v;
  }
  return new ApiError(
    status,
    code,
    renderMessage(code, params),
    WITHOUT_DETAILS.has(code) ? undefined : details,
    params,
  );
}

export function errorAnswer(...errors: ApiError[]): ErrorAnswer {
  return { errors: errors.map((e) => e.item()) };
}

/** 413 for a body over `limit` bytes; the /api/* and page body limit says what it holds: more than one upload. */
export function tooLarge(limit = MAX_BODY_BYTES): ApiError {
  const shown = limit === MAX_BODY_BYTES ? MAX_UPLOAD_BYTES : limit;
  return catalogueError(413, "PAYLOAD_TOO_LARGE", { limit: sizeText(shown) }, { limit });
}

/** Errors Hono raises itself (HTTPException), by status. */
function fromStatus(status: number): ApiError {
  switch (status) {
    case 401:
      return catalogueError(401, "UNAUTHORIZED");
    case 403:
      return catalogueError(403, "FORBIDDEN", { roles: "người có quyền" });
    case 404:
      return catalogueError(404, "NOT_FOUND");
    case 405:
      return catalogueError(405, "METHOD_NOT_ALLOWED");
    case 413:
      return tooLarge();
    default:
      return catalogueError(status as ContentfulStatusCode, "BAD_REQUEST");
  }
}

export function onError(err: Error, c: Context<AppEnv>) {
  if (err instanceof ApiError) return c.json(errorAnswer(err), err.status);
  if (err instanceof HTTPException && err.status < 500) {
    const known = fromStatus(err.status);
    return c.json(errorAnswer(known), known.status);
  }
  // Unexpected: log it for `wrangler tail`, never send the stack to the client.
  console.error(`${c.req.method} ${c.req.path}:`, err);
  return c.json(errorAnswer(catalogueError(500, "INTERNAL")), 500);
}

export function onNotFound(c: Context<AppEnv>) {
  return c.json(errorAnswer(catalogueError(404, "NOT_FOUND")), 404);
}
