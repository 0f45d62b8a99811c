// The JSON the Worker stores in D1, parsed in one place per kind: template definitions,
// canonical submissions, warning lists, the latest review of a snapshot and published
// consolidations. Everything that reads a stored column goes through these; nothing casts
// `JSON.parse(...)` anywhere else.
import {
  type FigureTree,
  type Issue,
  type NoteTree,
  type ReviewStatus,
  storedNotes,
  type Template,
  type TemplateProblem,
  templateProblems,
} from "../../domain";

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
 * A template definition (`templates.definition`): checked with templateProblems the first time this
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

/** A would-be template's problems: English texts (as before) and each with code, path and both texts. */
export interface TemplateRefusal {
  problems: string[];
  found: TemplateProblem[];
}

/** A would-be template from anywhere (an administrator's upload, a stored row): the template, or its problems. */
export function checkedTemplate(input: unknown): { template: Template } | TemplateRefusal {
  let found: TemplateProblem[];
  try {
    found = templateProblems(input);
  } catch (err) {
    const detail = String(err instanceof Error ? err.message : err);
    return { problems: [`unreadable structure: ${detail}`], found: [] };
  }
  // templateProblems checked every field a Template has: from here on the value is one.
  return found.length ? { problems: found.map((p) => p.en), found } : { template: input as Template };
}

/** The problems an answer lists at most (`problemCount` says how many there were). */
const PROBLEMS_LISTED = 50;

/**
 * What a TEMPLATE_INVALID answer carries: the message's `problems` param (the Vietnamese texts),
 * and as details the English texts (`problems`, as before) and each problem with its code, JSON
 * pointer, params and both texts (`templateProblems`).
 */
export function refusalAnswer(refusal: TemplateRefusal) {
  const listed = refusal.found.slice(0, PROBLEMS_LISTED);
  return {
    params: { problems: listed.length ? listed.map((p) => p.vi).join("; ") : refusal.problems.join("; ") },
    details: {
      problems: refusal.problems.slice(0, PROBLEMS_LISTED),
      templateProblems: listed.map((p) => ({
        code: p.code,
        path: p.path,
        params: p.params,
        message: p.vi,
        messageEn: p.en,
      })),
      problemCount: refusal.problems.length,
    },
  };
}

/** A snapshot's canonical JSON (`snapshots.canonical`), as submit() wrote it. */
export interface StoredSubmission {
  template: string;
  /** Absent in snapshots stored before template versions (decision 0012). */
  templateVersion?: number;
  unit: string;
  kind: string;
  appendices: FigureTree;
  /** The items' notes; absent when the snapshot has none (and in every snapshot before notes). */
  notes?: NoteTree;
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
  if (v.notes !== undefined) {
    if (!isRecord(v.notes)) throw new StoredDataError("submission", "notes is not an object");
    out.notes = storedNotes(v.notes);
  }
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
