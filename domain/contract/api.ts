// The HTTP API's answers as types: one contract the Worker answers with and the pane reads
// (README "Contracts in brief"; the OpenAPI document at /api/openapi.json is built from the
// Worker's zod schemas of the same shapes). Types only, so the pane's bundle gains nothing.
import type { Issue, ValidationReport } from "../rules/issue";
import type { FigureTree } from "../template/model";
import type { Params } from "../text/interpolate";
import type { Basis, ReviewStatus, Role, Source } from "./vocabulary";

export type { ValidationReport };
/** The params of a catalogue code, by name: what `ApiErrorItem.params` holds for that code. */
export type { CatalogueParams } from "../rules/catalogue";

/** One failure in an error answer `{ errors: [...] }`. Catalogue codes carry their params. */
export interface ApiErrorItem {
  code: string;
  /** Vietnamese; clients render other languages from code and params (issueText). */
  message: string;
  params?: Params;
  [detail: string]: unknown;
}

export interface ErrorAnswer {
  errors: ApiErrorItem[];
}

export interface Me {
  role: Role;
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
  status: ReviewStatus;
  warningList: Issue[];
}

export interface SnapshotMeta {
  id: string;
  template: string;
  unit: string;
  kind: string;
  version: number;
  sha256: string;
  source: Source;
  warnings: number;
  createdAt: string;
  status: ReviewStatus;
  reviewComment: string | null;
  reviewedAt: string | null;
}

export interface SnapshotDetail extends SnapshotMeta {
  submission: { template: string; unit: string; kind: string; appendices: FigureTree };
}

export interface ConsolidatedReport {
  template: string;
  kind: string;
  basis: Basis;
  asOf: string;
  units: { unit: string; version: number; snapshot: string; sha256?: string }[];
  appendices: FigureTree;
  hash: string;
}

/** `POST /api/submissions?dryRun=true` on a valid submission: checked, nothing stored. */
export interface DryRunAnswer {
  valid: true;
  errors: [];
  warnings: Issue[];
  sha256: string;
  dryRun: true;
  truncated?: ValidationReport["truncated"];
}

/** `POST /api/submissions/{id}/approve` and `/return`. */
export interface ReviewAnswer {
  id: string;
  unit: string;
  version: number;
  status: Exclude<ReviewStatus, "submitted">;
  comment: string;
  reviewedAt: string;
}

/** One year locked for a template and report kind (`GET /api/locks`). */
export interface Lock {
  template: string;
  kind: string;
  period: string;
  createdAt: string;
  createdBy: string;
}

/** `POST /api/locks` and `DELETE /api/locks`: `changed` is false when the year was already in that state. */
export interface LockAnswer {
  template: string;
  kind: string;
  period: string;
  locked: boolean;
  changed: boolean;
}

/** One expected unit on the status board: its newest version of the report, or "missing". */
export interface StatusRow {
  unit: string;
  name: string;
  missing: boolean;
  version: number | null;
  status: ReviewStatus | "missing";
  submittedAt: string | null;
  reviewComment: string | null;
}

/** `GET /api/status`: who of the expected units has submitted a report kind. */
export interface StatusBoard {
  template: string;
  kind: string;
  units: StatusRow[];
}
