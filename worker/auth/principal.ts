import { type Role, word } from "../../domain";
import { catalogueError } from "../errors";

export type { Role };

export interface Principal {
  /** Token id ("admin-env" for the bootstrap ADMIN_TOKEN). */
  id: string;
  role: Role;
  /** The unit a submitter is bound to; null for the other roles. */
  unit: string | null;
}

/**
 * A principal whose sign-in is read with a request's first reads (decision 0023): its id as SQL
 * for a statement of those reads (a subquery on the credential's hash), and the principal once
 * they are back (the request's RequestDb hands no row over before it is known and allowed).
 */
export interface SigningIn {
  id: { sql: string; args: unknown[] };
  principal(): Principal;
}

/** The principal, once the reads that carried its sign-in are back. */
export function principalNow(who: Principal | SigningIn): Principal {
  return "principal" in who && typeof who.principal === "function" ? who.principal() : (who as Principal);
}

/** May this principal read or write reports of `unit`? */
export function canActForUnit(p: Principal, unit: string): boolean {
  return p.role === "submitter" ? p.unit === unit : p.role === "admin" || p.role === "reviewer";
}

/** 403 FORBIDDEN unless the principal has one of `roles` (an administrator has every role). */
export function assertRole(p: Principal, ...roles: Role[]): void {
  if (!roles.includes(p.role) && p.role !== "admin")
    throw catalogueError(403, "FORBIDDEN", { roles: rolesText(roles) });
}

/** "người duyệt, quản trị": who may, in the vocabulary's words (an administrator always may). */
export function rolesText(roles: readonly Role[]): string {
  const who = roles.includes("admin") ? roles : [...roles, "admin" as const];
  return who.map((r) => word("role", r, "vi").toLowerCase()).join(", ");
}
