// Settings saved in the workbook: the document settings of the Common API (every Excel) and
// Workbook.settings (ExcelApi 1.4).
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { FakeExcelError } from "./errors";
import type { FakeWorkbook } from "./workbook";

/** Office.context.document.settings (Common API, every Excel): in memory until saveAsync. */
export class FakeDocumentSettings {
  private pending = new Map<string, unknown>();
  saves = 0;
  constructor(private readonly book: FakeWorkbook) {}

  get(name: string): unknown {
    const v = this.pending.has(name) ? this.pending.get(name) : this.book.settings.get(name);
    return v === undefined ? null : JSON.parse(JSON.stringify(v));
  }

  set(name: string, value: unknown): void {
    // Settings are stored as JSON: values must survive it.
    this.pending.set(name, JSON.parse(JSON.stringify(value ?? null)) as unknown);
  }

  remove(name: string): void {
    this.pending.set(name, undefined);
  }

  saveAsync(callback?: (result: { status: "succeeded" | "failed"; error?: Error }) => void): void {
    setTimeout(() => {
      for (const [k, v] of this.pending) {
        if (v === undefined) this.book.settings.delete(k);
        else this.book.settings.set(k, v);
      }
      this.pending = new Map();
      this.saves++;
      callback?.({ status: "succeeded" });
    }, 0);
  }
}

export class SettingCollectionProxy {
  constructor(private readonly ctx: FakeContext) {}

  add(key: string, value: unknown): void {
    this.ctx.need(4, "Workbook.settings");
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    this.ctx.enqueue(() => void this.ctx.book.settings.set(key, copy));
  }

  getItemOrNullObject(key: string): SettingProxy {
    this.ctx.need(4, "Workbook.settings");
    return new SettingProxy(this.ctx, () => (this.ctx.book.settings.has(key) ? { key } : null), true);
  }
}

export class SettingProxy extends ClientObject<{ key: string }> {
  protected snapshot(t: { key: string }, prop: string): unknown {
    if (prop === "value") return JSON.parse(JSON.stringify(this.context.book.settings.get(t.key))) as unknown;
    if (prop === "key") return t.key;
    throw new FakeExcelError("NotImplemented", `Setting.${prop}`);
  }
  get value(): unknown {
    return this.read("value");
  }
  delete(): void {
    this.write((t) => void this.context.book.settings.delete(t.key));
  }
}
