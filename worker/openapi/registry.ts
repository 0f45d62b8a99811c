// Route definitions that document themselves: each router declares its routes here next to
// the handlers, and /api/openapi.json is generated from this list.
import type { z } from "zod";
import type { Role } from "../auth/principal";

export interface RouteDoc {
  method: "get" | "post" | "delete";
  /** OpenAPI path, e.g. "/api/submissions/{id}". */
  path: string;
  summary: string;
  /** Roles allowed; "public" needs no token. Admin may use every route. */
  roles: Role[] | "public";
  query?: z.ZodObject;
  body?: z.ZodType;
  bodyTypes?: string[];
  responses: Record<number, string>;
}

export const ROUTES: RouteDoc[] = [];

export function route(doc: RouteDoc): RouteDoc {
  ROUTES.push(doc);
  return doc;
}
