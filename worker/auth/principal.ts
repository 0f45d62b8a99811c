import type { Role } from "../../domain";
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
  if (!roles.includes(p.role) && p.role !== "admin") throw catalogueError(403, "FORBIDDEN");
}
