// Shapes of the Worker's answers the add-in reads (README "Contracts in brief"). Declared
// here, not imported: addin/ and worker/ never import each other.
import type { FigureTree, Issue } from "../../domain";

export interface Me {
  role: "submitter" | "reviewer" | "leader" | "admin";
  unit: string | null;
  unitName: string | null;
}

export interface Unit {
  code: string;
  name: string;
}

export interface Receipt {
  id: string;
  version: number;
  sha256: string;
  createdAt: string;
  unit: string;
  kind: string;
  status: string;
  warningList: Issue[];
}

export interface SnapshotMeta {
  id: string;
  template: string;
  unit: string;
  kind: string;
  version: number;
  sha256: string;
  source: string;
  warnings: number;
  createdAt: string;
  status: "submitted" | "approved" | "returned";
  reviewComment: string | null;
  reviewedAt: string | null;
}

export interface SnapshotDetail extends SnapshotMeta {
  submission: { template: string; unit: string; kind: string; appendices: FigureTree };
}

export interface ConsolidatedReport {
  template: string;
  kind: string;
  basis: "latest" | "approved";
  asOf: string;
  units: { unit: string; version: number; snapshot: string; sha256?: string }[];
  appendices: FigureTree;
  hash: string;
}

export interface ValidationReport {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Issues left out beyond the report's cap (the first 200 of each severity are listed). */
  truncated?: { errors: number; warnings: number };
}
