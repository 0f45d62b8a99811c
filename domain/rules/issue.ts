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

export function issue(code: IssueCode, at: Location, params: Record<string, string | number> = {}): Issue {
  return {
    code,
    severity: CATALOGUE[code].severity,
    message: renderMessage(code, { ...at, ...params } as Record<string, string | number>),
    appendix: at.appendix ?? null,
    item: at.item ?? null,
    measure: at.measure ?? null,
    period: at.period ?? null,
    cell: at.cell ?? null,
    params,
  };
}

export interface ValidationReport {
  valid: boolean;
  errors: Issue[];
  warnings: Issue[];
}

export function toReport(issues: Issue[]): ValidationReport {
  const errors = issues.filter((i) => i.severity === "error");
  return { valid: errors.length === 0, errors, warnings: issues.filter((i) => i.severity === "warning") };
}
