// Range.dataValidation: one rule type per range, and its error alert.
import { type Box, boxAddress } from "./address";
import type { FakeContext } from "./context";
import { FakeExcelError } from "./errors";
import type { RangeTarget } from "./range-target";
import type { FakeSheet } from "./worksheet";

export class DataValidationProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly target: () => RangeTarget,
  ) {}

  clear(): void {
    this.ctx.enqueue(() => {
      const { sheet, box } = this.target();
      sheet.validations = sheet.validations.filter(
        (v) =>
          !(
            v.box.row >= box.row &&
            v.box.row < box.row + box.rows &&
            v.box.col >= box.col &&
            v.box.col < box.col + box.cols
          ),
      );
    });
  }

  private current(): {
    sheet: FakeSheet;
    v: { box: Box; rule: Record<string, unknown>; errorAlert?: Record<string, unknown> };
  } {
    const { sheet, box } = this.target();
    let v = sheet.validations.find((x) => boxAddress(x.box) === boxAddress(box));
    if (!v) sheet.validations.push((v = { box: { ...box }, rule: {} }));
    return { sheet, v };
  }

  set rule(rule: Record<string, unknown>) {
    this.ctx.enqueue(() => {
      const keys = Object.keys(rule);
      if (keys.length !== 1) throw new FakeExcelError("InvalidArgument", "a data validation rule has exactly one type");
      this.current().v.rule = JSON.parse(JSON.stringify(rule)) as Record<string, unknown>;
    });
  }

  set errorAlert(alert: Record<string, unknown>) {
    this.ctx.enqueue(() => void (this.current().v.errorAlert = { ...alert }));
  }
}
