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
