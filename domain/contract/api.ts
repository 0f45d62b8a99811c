// The HTTP API's answers as types: one contract the Worker answers with and the pane reads
// (README "Contracts in brief"; the OpenAPI document at /api/openapi.json is built from the
// Worker's zod schemas of the same shapes). Types only, so the pane's bundle gains nothing.
import type { Issue, ValidationReport } from "../rules/issue";
import type { FigureTree, NoteTree } from "../template/model";
import type { Params } from "../text/interpolate";
import type { Basis, ReviewStatus, Role, Source, Timeliness } from "./vocabulary";

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
  /**
   * On a new version (201) whose figures are those of the version before it: that version (it
   * was returned, or the request asked for a new version; decision 0019).
   */
  sameAs?: VersionRef;
}

/** A version's number and review state, as an answer names another version. */
export interface VersionRef {
  version: number;
  status: ReviewStatus;
}

/** Something to tell the person that is not an error: a catalogue code, its Vietnamese message, params. */
export interface Notice {
  code: string;
  message: string;
  params: Params;
}

/** 200 to a submission whose figures are the report's latest version's: that version; nothing stored. */
export interface IdenticalReceipt extends Receipt {
  identical: VersionRef;
  notice: Notice;
}

/** A returned version that consolidated totals passed over (decision 0017). */
export interface PassedOver {
  unit: string;
  version: number;
  snapshot: string;
  returnedAt: string;
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
  /** `notes`: the items' notes (appendix → item → text), present only when the version has some. */
  submission: { template: string; unit: string; kind: string; appendices: FigureTree; notes?: NoteTree };
}

export interface ConsolidatedReport {
  template: string;
  kind: string;
  basis: Basis;
  asOf: string;
  units: {
    unit: string;
    version: number;
    snapshot: string;
    sha256?: string;
    /** Returned versions of this unit passed over for this one, newest first. */
    passedOver?: Omit<PassedOver, "unit">[];
  }[];
  /** Every returned version passed over; usedVersion null when nothing is counted for its unit. */
  passedOver?: (PassedOver & { usedVersion: number | null })[];
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
  /** The version the consolidated totals of the same basis and moment count; null: none. */
  counted?: number | null;
  /** The round's deadline (YYYY-MM-DD, the end of that day in Vietnam time); null: no round. */
  deadline?: string | null;
  /** Reported by the deadline or not, at the board's moment; null: no round. */
  timeliness?: Timeliness | null;
}

/** A reporting round: a template's report kind for one of its periods, with its deadline. */
export interface Round {
  template: string;
  kind: string;
  period: string;
  /** YYYY-MM-DD: due by the end of that day in Vietnam time. */
  deadline: string;
  /** YYYY-MM-DD: versions stored before that day (Vietnam time) do not count; null: any version counts. */
  opens: string | null;
  /** The units expected in this round. */
  units: string[];
  /** True when `units` are the template's expected units (the round names none of its own). */
  defaultUnits: boolean;
}

/** `GET /api/status`: who of the expected units has submitted a report kind. */
export interface StatusBoard {
  template: string;
  kind: string;
  basis?: Basis;
  /** The moment the board is for (ISO, UTC). */
  asOf?: string;
  /** The round the deadlines and timeliness are for; null: the template and kind have none. */
  round?: Round | null;
  units: StatusRow[];
}
