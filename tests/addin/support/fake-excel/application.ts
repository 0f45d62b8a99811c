// context.application: calculation mode, calculate and suspending API calculation.
import { propsOf } from "./client-object";
import type { FakeContext } from "./context";
import { FakeExcelError, notLoaded } from "./errors";

export class ApplicationProxy {
  private loaded = new Map<string, unknown>();
  constructor(private readonly ctx: FakeContext) {}

  suspendApiCalculationUntilNextSync(): void {
    if (this.ctx.book.api < 6) {
      this.ctx.need(6, "Application.suspendApiCalculationUntilNextSync");
      return;
    }
    this.ctx.suspendNext = true;
  }

  /** Application.calculate(calculationType), ExcelApi 1.1. */
  calculate(calculationType: string): void {
    if (!/^(Recalculate|Full|FullRebuild)$/.test(calculationType))
      throw new FakeExcelError("InvalidArgument", calculationType);
    this.ctx.enqueue(() => this.ctx.book.calculate());
  }

  load(props?: string | string[]): this {
    const names = propsOf(props);
    this.ctx.enqueue(() => {
      for (const n of names) {
        if (n !== "calculationMode") throw new FakeExcelError("NotImplemented", `Application.${n}`);
        this.loaded.set(n, this.ctx.book.calculationMode);
      }
    });
    return this;
  }

  get calculationMode(): string {
    if (!this.loaded.has("calculationMode")) throw notLoaded("calculationMode");
    return this.loaded.get("calculationMode") as string;
  }
}
