import { CATALOGUE, type IssueCode, renderMessage, type Severity } from "./catalogue";

export interface Location {
  appendix?: string | null;
  item?: string | null;
  measure?: string | null;
  period?: string | null;
  /** "PL01!H7" */
  cell?: string | null;
}

export interface Issue {
  code: IssueCode;
  severity: Severity;
  /** Vietnamese; renderMessage(code, params, "en") gives the English text. */
  message: string;
  appendix: string | null;
  item: string | null;
  measure: string | null;
  period: string | null;
  cell: string | null;
  params: Record<string, string | number>;
}

type Params = Record<string, string | number>;

/**
 * Longest text an issue repeats from the input (a key, a cell's text, a formula): longer text
 * is cut with "…", so an issue's size never follows the size of what was sent.
 */
export const MAX_ISSUE_TEXT = 200;

function clip<T>(value: T): T {
  if (typeof value !== "string" || value.length <= MAX_ISSUE_TEXT) return value;
  // Never split a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(value[MAX_ISSUE_TEXT - 1]) ? MAX_ISSUE_TEXT - 1 : MAX_ISSUE_TEXT;
  return `${value.slice(0, end)}…` as T;
}

function clipAll<T extends object>(values: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) out[k] = clip(v);
  return out as T;
}

export function issue(code: IssueCode, at: Location, params: Params = {}): Issue {
  const where = clipAll(at);
  const shown = clipAll(params);
  return {
    code,
    severity: CATALOGUE[code].severity,
    message: renderMessage(code, { ...where, ...shown } as Params),
    appendix: where.appendix ?? null,
    item: where.item ?? null,
    measure: where.measure ?? null,
    period: where.period ?? null,
    cell: where.cell ?? null,
    params: shown,
  };
}

/** How many issues a report leaves out, per severity. */
export interface Omitted {
  errors: number;
  warnings: number;
}

export interface ValidationReport {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
  /** Present only when issues were left out: how many errors and warnings beyond the lists. */
  truncated?: Omitted;
}

/**
 * What one report lists, per severity: the first 200 issues, within 128 KiB of JSON (UTF-8).
 * The rest are counted, never built, so neither the answer nor the work to produce it grows
 * with a hostile input (half a million unknown keys make one short report).
 */
export const REPORT_LIMITS = { issues: 200, bytes: 128 * 1024 } as const;

export interface ReportLimits {
  issues: number;
  bytes: number;
}

/** UTF-8 length of a string (a surrogate pair counts 2 + 2). */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 || (c >= 0xd800 && c <= 0xdfff) ? 2 : 3;
  }
  return n;
}

/**
 * Collects a report's issues up to the limits. `add` builds an issue (renders its message)
 * only while its severity's list has room; past that it only counts. Issues are kept in the
 * order they come, so the report lists the first ones.
 */
export class IssueCollector {
  readonly errors: Issue[] = [];
  readonly warnings: Issue[] = [];
  readonly omitted: Omitted = { errors: 0, warnings: 0 };
  private readonly used = { error: 0, warning: 0 };
  private readonly closed = { error: false, warning: false };

  constructor(private readonly limits: ReportLimits = REPORT_LIMITS) {}

  /** True once any error was seen, listed or not. */
  get hasErrors(): boolean {
    return this.errors.length + this.omitted.errors > 0;
  }

  /** Whether an issue of this severity would still be listed. */
  accepts(severity: Severity): boolean {
    return !this.closed[severity] && this.list(severity).length < this.limits.issues;
  }

  /** Adds an issue; params may be a function, called only when the issue is listed. */
  add(code: IssueCode, at: Location, params?: Params | (() => Params)): void {
    const severity = CATALOGUE[code].severity;
    if (!this.accepts(severity)) return this.omit(severity);
    this.push(issue(code, at, typeof params === "function" ? params() : params));
  }

  push(found: Issue): void {
    const severity = found.severity;
    if (!this.accepts(severity)) return this.omit(severity);
    const size = this.limits.bytes === Infinity ? 0 : utf8Length(JSON.stringify(found)) + 1;
    if (this.used[severity] + size > this.limits.bytes) {
      // The first issue that does not fit closes the list: the report stays "the first ones".
      this.closed[severity] = true;
      return this.omit(severity);
    }
    this.used[severity] += size;
    this.list(severity).push(found);
  }

  pushAll(found: Iterable<Issue>): this {
    for (const i of found) this.push(i);
    return this;
  }

  report(): ValidationReport {
    const report: ValidationReport = { valid: !this.hasErrors, errors: this.errors, warnings: this.warnings };
    if (this.omitted.errors + this.omitted.warnings > 0) report.truncated = { ...this.omitted };
    return report;
  }

  private list(severity: Severity): Issue[] {
    return severity === "error" ? this.errors : this.warnings;
  }

  private omit(severity: Severity): void {
    if (severity === "error") this.omitted.errors++;
    else this.omitted.warnings++;
  }
}

export function toReport(issues: Iterable<Issue>, limits?: ReportLimits): ValidationReport {
  return new IssueCollector(limits).pushAll(issues).report();
}
