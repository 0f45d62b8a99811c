// Route definitions that document themselves: each router declares its routes here next to
// the handlers, and /api/openapi.json and /api/docs are generated from this list. A
// registration names the very zod schemas its handler validates with (`query`, `body`,
// `uploadFields`: tests/worker/api/openapi-schemas.test.ts sends what each schema refuses and
// checks the handler refuses it the same way), the answers with their zod schemas
// (worker/openapi/responses.ts) and examples that those schemas accept.
import type { z } from "zod";
import type { IssueCode } from "../../domain";
import type { Role } from "../auth/principal";
import type { XlsxErrorCode } from "../xlsx/errors";
import type { Words } from "./meta";

export type { Words };

/** A stable error code: the catalogue's (domain/rules/catalogue.ts), or an upload refusal (XLSX_*). */
export type ErrorCode = IssueCode | XlsxErrorCode;

/** A parameter no zod schema of the handler checks: a path segment, a header, a query value read as it is. */
export interface Param extends Words {
  name: string;
  in: "path" | "query" | "header";
  /** Its shape, for the document only. */
  schema: z.ZodType;
  required?: boolean;
}

/** What one status answers on this route. */
export interface Answer extends Words {
  /** The JSON answer's schema (registered in responses.ts). A 4xx or 5xx without one answers `ErrorAnswer`. */
  schema?: z.ZodType;
  /** Answers that are not JSON: their media types (a file, a CSV). */
  media?: string[];
  /** Error codes this status answers with here, besides those every route of its kind has (document.ts). */
  codes?: ErrorCode[];
  /** Response headers worth knowing. */
  headers?: Record<string, Words>;
}

/** One request and its answer. The same `name` ties the parameters, the body and the answer together. */
export interface Example {
  name: string;
  title: Words;
  path?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** The JSON body (checked against the route's `body`), or for a file upload what the file is. */
  body?: unknown;
  /** The body's media type when it is not JSON. */
  media?: string;
  status: number;
  /** The JSON answer (checked against the status's schema), the text of a CSV, or null for a file. */
  answer: unknown;
}

export interface RouteDoc {
  method: "get" | "post" | "delete";
  /** OpenAPI path, e.g. "/api/submissions/{id}". */
  path: string;
  summary: Words;
  /** Roles allowed; "public" needs no token. Admin may use every route. */
  roles: Role[] | "public";
  /** The query schema the handler parses (parseQuery / parseWith). */
  query?: z.ZodObject;
  /** The JSON body schema the handler parses (parseJson). */
  body?: z.ZodType;
  /** A JSON body another check than zod reads (a template definition): documented with this schema only. */
  documentedBody?: z.ZodType;
  /** Media types the body may have; JSON alone when absent. */
  bodyTypes?: string[];
  /** A file upload's fields (in the query for a raw body, form fields for multipart), as the handler parses them. */
  uploadFields?: z.ZodObject;
  /** Path parameters, headers, and query values no schema checks. Every `{name}` of the path has one. */
  params?: Param[];
  responses: Record<number, Answer>;
  examples: [Example, ...Example[]];
}

export const ROUTES: RouteDoc[] = [];

export function route(doc: RouteDoc): RouteDoc {
  ROUTES.push(doc);
  return doc;
}
