// Notes (ExcelApi 1.18): the collection of a sheet or of the whole workbook, and one note.
import { boxAddress, parseBox } from "./address";
import { ClientObject, propsOf } from "./client-object";
import type { FakeContext } from "./context";
import { FakeExcelError, notLoaded } from "./errors";
import { RangeProxy } from "./range";
import { splitAddress } from "./rules";
import type { FakeSheet } from "./worksheet";

/** Notes of one sheet, or (sheet = null) of the whole workbook, where addresses name the sheet. */
export class NoteCollectionProxy {
  private items_: NoteProxy[] | undefined;
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: (() => FakeSheet) | null,
  ) {}

  /** The sheet and cell key an address names ("'PL01'!H8", or "H8" on a sheet's own notes). */
  private locate(cellAddress: string): { s: FakeSheet; key: string } {
    const { sheet, local } = splitAddress(cellAddress);
    const s = sheet !== null ? this.ctx.book.sheet(sheet) : this.sheet?.();
    if (!s) throw new FakeExcelError("InvalidCellAddress", cellAddress);
    const b = parseBox(local);
    if (b.rows !== 1 || b.cols !== 1) throw new FakeExcelError("InvalidCellAddress", cellAddress);
    return { s, key: boxAddress(b) };
  }

  add(cellAddress: string, content: string): void {
    this.ctx.need(18, "NoteCollection.add");
    this.ctx.enqueue(() => {
      const { s, key } = this.locate(cellAddress);
      if (s.notes.has(key)) throw new FakeExcelError("InvalidArgument", `cell ${key} already has a note`);
      s.notes.set(key, String(content));
    });
  }

  getItemOrNullObject(cellAddress: string): NoteProxy {
    this.ctx.need(18, "NoteCollection.getItemOrNullObject");
    return new NoteProxy(
      this.ctx,
      () => {
        const { s, key } = this.locate(cellAddress);
        return s.notes.has(key) ? { sheet: s, key } : null;
      },
      true,
    );
  }

  load(props?: string | string[]): this {
    this.ctx.need(18, "NoteCollection.load");
    const names = propsOf(props).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue(() => {
      const sheets = this.sheet ? [this.sheet()] : this.ctx.book.sheets;
      this.items_ = sheets.flatMap((s) =>
        [...s.notes.keys()].map((key) => {
          const note = new NoteProxy(this.ctx, () => ({ sheet: s, key }));
          for (const n of names) note.preload(n, { sheet: s, key });
          return note;
        }),
      );
    });
    return this;
  }

  get items(): NoteProxy[] {
    if (!this.items_) throw notLoaded("items");
    return this.items_;
  }
}

export interface NoteTarget {
  sheet: FakeSheet;
  key: string;
}

export class NoteProxy extends ClientObject<NoteTarget> {
  preload(prop: string, t: NoteTarget): void {
    this.loaded.set(prop, this.snapshot(t, prop));
  }

  protected snapshot(t: NoteTarget, prop: string): unknown {
    if (prop === "content") {
      const text = t.sheet.notes.get(t.key);
      if (text === undefined) throw new FakeExcelError("ItemNotFound", `no note at ${t.key}`);
      return text;
    }
    throw new FakeExcelError("NotImplemented", `Note.${prop}`);
  }

  get content(): string {
    return this.read("content");
  }

  set content(text: string) {
    this.write((t) => {
      if (!t.sheet.notes.has(t.key)) throw new FakeExcelError("ItemNotFound", `no note at ${t.key}`);
      t.sheet.notes.set(t.key, String(text));
    });
  }

  /** Note.getLocation (1.18): the note's cell. */
  getLocation(): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this.resolve();
      return { sheet: t.sheet, box: parseBox(t.key) };
    });
  }

  delete(): void {
    this.write((t) => {
      if (!t.sheet.notes.delete(t.key)) throw new FakeExcelError("ItemNotFound", `no note at ${t.key}`);
    });
  }
}
