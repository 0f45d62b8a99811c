// Range.format: font, fill, borders, alignment, wrapping, column widths and row heights.
import type { FakeContext } from "./context";
import { FakeExcelError } from "./errors";
import { forEachCell, type RangeTarget } from "./range-target";
import type { FakeSheet } from "./worksheet";

export class RangeFormatProxy {
  readonly font: { bold: boolean; italic: boolean };
  readonly fill: { color: string; clear(): void };
  readonly borders: { getItem(edge: string): { style: string } };

  constructor(
    private readonly ctx: FakeContext,
    private readonly target: () => RangeTarget,
  ) {
    const each = (fn: (cell: ReturnType<FakeSheet["ensure"]>) => void) =>
      ctx.enqueue(() => {
        const t = target();
        forEachCell(t, (row, col) => fn(t.sheet.ensure(row, col)));
      });
    this.font = {
      set bold(v: boolean) {
        each((c) => void (c.bold = v));
      },
      set italic(v: boolean) {
        each((c) => void (c.italic = v));
      },
    } as { bold: boolean; italic: boolean };
    this.fill = {
      set color(v: string) {
        each((c) => void (c.fill = v));
      },
      clear: () => each((c) => void (c.fill = null)),
    } as { color: string; clear(): void };
    this.borders = {
      getItem: (edge: string) => {
        if (!/^(EdgeTop|EdgeBottom|EdgeLeft|EdgeRight|InsideVertical|InsideHorizontal)$/.test(edge))
          throw new FakeExcelError("InvalidArgument", edge);
        return {
          set style(v: string) {
            each((c) => void (c.border = v !== "None"));
          },
        } as { style: string };
      },
    };
  }

  set horizontalAlignment(v: string) {
    const t = this.target;
    this.ctx.enqueue(() => forEachCell(t(), (row, col) => void (t().sheet.ensure(row, col).align = v)));
  }
  set verticalAlignment(_v: string) {
    this.ctx.enqueue(() => void this.target());
  }
  set wrapText(v: boolean) {
    const t = this.target;
    this.ctx.enqueue(() => forEachCell(t(), (row, col) => void (t().sheet.ensure(row, col).wrap = v)));
  }
  set columnWidth(points: number) {
    this.ctx.need(2, "RangeFormat.columnWidth");
    this.ctx.enqueue(() => {
      const t = this.target();
      for (let c = t.box.col; c < t.box.col + t.box.cols; c++) t.sheet.columnWidths[c] = points;
    });
  }
  set rowHeight(_points: number) {
    this.ctx.need(2, "RangeFormat.rowHeight");
    this.ctx.enqueue(() => void this.target());
  }
  autofitRows(): void {
    this.ctx.need(2, "RangeFormat.autofitRows");
    this.ctx.enqueue(() => void this.target());
  }
}
