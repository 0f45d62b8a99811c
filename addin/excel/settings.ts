// What the add-in remembers inside the workbook itself (settings travel with the file): the
// snapshot the sheets are based on, and the cells it has marked. Workbook.settings (ExcelApi
// 1.4) rides in the batch; older hosts use Office.context.document.settings, the Common API
// every Excel has, which reads from memory and is saved with saveAsync after the batch.
import { type DocumentSettings, has, type HostOptions } from "./capabilities";

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

export interface SettingsAccess {
  /** Queues reading a setting; call the getter after the next sync (null when absent). */
  read(context: Excel.RequestContext, key: string): () => unknown;
  /** Queues writing a setting (no sync). */
  write(context: Excel.RequestContext, key: string, value: unknown): void;
  /** After the sync: persists what was written outside the batch. */
  flush(): Promise<void>;
}

const workbookSettings: SettingsAccess = {
  read(context, key) {
    const item = context.workbook.settings.getItemOrNullObject(key).load("value");
    return () => (item.isNullObject ? null : (item.value as unknown));
  },
  write(context, key, value) {
    context.workbook.settings.add(key, value as string);
  },
  flush: () => Promise.resolve(),
};

/** Document settings with writes not yet saved (a write and its flush may use different accesses). */
const unsaved = new WeakSet<DocumentSettings>();

function documentSettings(settings: DocumentSettings): SettingsAccess {
  return {
    read: (_context, key) => () => settings.get(key) ?? null,
    write(_context, key, value) {
      settings.set(key, value);
      unsaved.add(settings);
    },
    flush: () =>
      new Promise<void>((resolve, reject) => {
        if (!unsaved.has(settings)) return resolve();
        unsaved.delete(settings);
        settings.saveAsync((result) => (result.error ? reject(new Error(result.error.message)) : resolve()));
      }),
  };
}

/** Without either API nothing is remembered: marks and the base version start afresh each time. */
const nowhere: SettingsAccess = { read: () => () => null, write: () => undefined, flush: () => Promise.resolve() };

export function settingsAccess(opts: HostOptions = {}): SettingsAccess {
  if (has(opts.caps, "settings")) return workbookSettings;
  return opts.documentSettings ? documentSettings(opts.documentSettings) : nowhere;
}

/** Records the base version the sheets now start from: one sync. */
export async function setBaseVersion(
  context: Excel.RequestContext,
  base: BaseVersion | null,
  opts: HostOptions = {},
): Promise<void> {
  const settings = settingsAccess(opts);
  settings.write(context, BASE_KEY, base);
  await context.sync();
  await settings.flush();
}
