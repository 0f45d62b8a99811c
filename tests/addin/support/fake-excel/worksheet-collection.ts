// context.workbook.worksheets: getItem, getItemOrNullObject, add and the loaded items.
import { propsOf } from "./client-object";
import type { FakeContext } from "./context";
import { notLoaded } from "./errors";
import { WorksheetProxy } from "./worksheet";

export class WorksheetCollectionProxy {
  private items_: WorksheetProxy[] | undefined;
  constructor(private readonly ctx: FakeContext) {}

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.sheet(name) ?? null);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    this.ctx.need(4, "WorksheetCollection.getItemOrNullObject");
    return new WorksheetProxy(this.ctx, () => this.ctx.book.sheet(name) ?? null, true);
  }

  add(name: string): WorksheetProxy {
    const proxy = new WorksheetProxy(this.ctx, () => null);
    this.ctx.enqueue(() => proxy.created(this.ctx.book.addSheet(name)));
    return proxy;
  }

  load(props?: string | string[]): this {
    const names = propsOf(props).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue(() => {
      this.items_ = this.ctx.book.sheets.map((s) => {
        const p = new WorksheetProxy(this.ctx, () => s);
        for (const n of names) p.preload(n, s);
        return p;
      });
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    if (!this.items_) throw notLoaded("items");
    return this.items_;
  }
}
