// The JSON the Worker stores in D1, parsed in one place per kind: template definitions,
// canonical submissions, warning lists, the latest review of a snapshot and published
// consolidations. Everything that reads a stored column goes through these; nothing casts
// `JSON.parse(...)` anywhere else.
import { checkTemplate, type FigureTree, type Issue, type ReviewStatus, type Template } from "../../domain";

/** Stored JSON that is not what the Worker wrote: a broken row or migration, never user input. */
export class StoredDataError extends Error {
  constructor(what: string, detail: string) {
    super(`stored ${what} is not valid: ${detail}`);
    this.name = "StoredDataError";
  }
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function parse(what: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StoredDataError(what, "not JSON");
  }
}

/** Checked definitions by their exact text: a stored version never changes, so it is checked once per isolate. */
const checked = new Map<string, Template>();
const CHECKED_KEPT = 32;

/**
 * A template definition (`templates.definition`): checked with checkTemplate the first time this
 * isolate reads it, then trusted. A definition that no longer passes (a rule added after it was
 * stored) is an error, not a template read as if it were valid.
 */
export function parseTemplateDefinition(text: string): Template {
  const known = checked.get(text);
  if (known) return known;
  const value = parse("template", text);
  const template = checkedTemplate(value);
  if (!("template" in template)) throw new StoredDataError("template", template.problems.join("; "));
  if (checked.size >= CHECKED_KEPT) checked.delete(checked.keys().next().value!);
  checked.set(text, template.template);
  return template.template;
}

/** A would-be template from anywhere (an administrator's upload, a stored row): the template, or its problems. */
export function checkedTemplate(input: unknown): { template: Template } | { problems: string[] } {
  let problems: string[];
  try {
    problems = checkTemplate(input);
  } catch (err) {
    problems = [`cấu trúc không đọc được: ${String(err instanceof Error ? err.message : err)}`];
  }
  // checkTemplate checked every field a Template has: from here on the value is one.
  return problems.length ? { problems } : { template: input as Template };
}

/** A snapshot's canonical JSON (`snapshots.canonical`), as submit() wrote it. */
export interface StoredSubmission {
  template: string;
  /** Absent in snapshots stored before template versions (decision 0012). */
  templateVersion?: number;
  unit: string;
  kind: string;
  appendices: FigureTree;
}

export function parseSubmission(text: string): StoredSubmission {
  const v = parse("submission", text);
  if (
    !isRecord(v) ||
    typeof v.template !== "string" ||
    typeof v.unit !== "string" ||
    typeof v.kind !== "string" ||
    !isRecord(v.appendices)
  ) {
    throw new StoredDataError("submission", "template, unit, kind and appendices are required");
  }
  if (v.templateVersion !== undefined && typeof v.templateVersion !== "number")
    throw new StoredDataError("submission", "templateVersion is not a number");
  const out: StoredSubmission = {
    template: v.template,
    unit: v.unit,
    kind: v.kind,
    appendices: v.appendices as FigureTree,
  };
  if (v.templateVersion !== undefined) out.templateVersion = v.templateVersion;
  return out;
}

/** A snapshot's warnings (`snapshots.warnings`): the issues of its validation report. */
export function parseWarnings(text: string): Issue[] {
  const v = parse("warnings", text);
  if (
    !Array.isArray(v) ||
    !v.every((i) => isRecord(i) && typeof i.code === "string" && typeof i.message === "string")
  ) {
    throw new StoredDataError("warnings", "not a list of issues");
  }
  return v as Issue[];
}

/** The latest review of a snapshot, as `json_object(...)` builds it in worker/db/snapshots.ts. */
export interface StoredReview {
  decision: Exclude<ReviewStatus, "submitted">;
  at: string;
  comment: string;
}

export function parseReview(text: string): StoredReview {
  const v = parse("review", text);
  if (
    !isRecord(v) ||
    (v.decision !== "approved" && v.decision !== "returned") ||
    typeof v.at !== "string" ||
    typeof v.comment !== "string"
  ) {
    throw new StoredDataError("review", "decision, at and comment are required");
  }
  return { decision: v.decision, at: v.at, comment: v.comment };
}

/** A published consolidation (`published.body`): the report exactly as it was published. */
export function parsePublished(text: string): Record<string, unknown> {
  const v = parse("published report", text);
  if (!isRecord(v) || !isRecord(v.appendices) || typeof v.hash !== "string")
    throw new StoredDataError("published report", "appendices and hash are required");
  return v;
}

/** An audit row's detail (`audit.detail`): whatever the write recorded. */
export function parseAuditDetail(text: string): unknown {
  return parse("audit detail", text);
}
