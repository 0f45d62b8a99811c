export type Role = "submitter" | "reviewer" | "leader" | "admin";

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
