// What the add-in remembers inside the workbook itself (Excel's workbook settings travel with
// the file): the snapshot the sheets are based on, and the cells it has marked.

export const BASE_KEY = "kh157.base";
export const MARKS_KEY = "kh157.marks";

/** The server version a workbook's figures start from, sent as baseVersion on submit. */
export interface BaseVersion {
  template: string;
  unit: string;
  kind: string;
  /** 0 when the report had no version yet. */
  version: number;
}

export function asBase(value: unknown): BaseVersion | null {
  if (!value || typeof value !== "object") return null;
  const v = value as Record<string, unknown>;
  if (typeof v.template !== "string" || typeof v.unit !== "string" || typeof v.kind !== "string") return null;
  if (typeof v.version !== "number" || !Number.isInteger(v.version) || v.version < 0) return null;
  return { template: v.template, unit: v.unit, kind: v.kind, version: v.version };
}

export function asMarks(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
}

/** Queues saving the base version (no sync). */
export function queueBase(context: Excel.RequestContext, base: BaseVersion | null): void {
  context.workbook.settings.add(BASE_KEY, base);
}

/** Records the base version the sheets now start from: one sync. */
export async function setBaseVersion(context: Excel.RequestContext, base: BaseVersion | null): Promise<void> {
  queueBase(context, base);
  await context.sync();
}
