// Range and RangeAreas: values, formulas and number formats as 2-D arrays that must match the
// range, loaded data counted against the payload limit, intersections, merges and selection.
import { type Box, boxAddress, intersect, parseBox, quoteSheet } from "./address";
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { DataValidationProxy } from "./data-validation";
import { FakeExcelError } from "./errors";
import { RangeFormatProxy } from "./range-format";
import { forEachCell, type RangeTarget } from "./range-target";
import type { FakeSheet, Scalar } from "./worksheet";

function checkDims(b: Box, data: unknown, what: string): unknown[][] {
  if (!Array.isArray(data) || data.length !== b.rows || data.some((r) => !Array.isArray(r) || r.length !== b.cols)) {
    throw new FakeExcelError("InvalidArgument", `${what}: the array does not match the ${b.rows}×${b.cols} range`);
  }
  return data as unknown[][];
}

function grid<V>(t: RangeTarget, fn: (row: number, col: number) => V): V[][] {
  return Array.from({ length: t.box.rows }, (_, r) =>
    Array.from({ length: t.box.cols }, (_, c) => fn(t.box.row + r, t.box.col + c)),
  );
}

/** Roughly what a 2-D array of the box costs as JSON, without building it (3 bytes an empty cell). */
function payloadOf(t: RangeTarget, text: (row: number, col: number) => string | null): number {
  let bytes = t.box.rows * t.box.cols * 3;
  for (const [key] of t.sheet.cells) {
    const [r, c] = key.split(",").map(Number);
    if (r < t.box.row || r >= t.box.row + t.box.rows || c < t.box.col || c >= t.box.col + t.box.cols) continue;
    bytes += text(r, c)?.length ?? 0;
  }
  return bytes;
}

export class RangeProxy extends ClientObject<RangeTarget> {
  readonly format: RangeFormatProxy;

  constructor(ctx: FakeContext, resolver: () => RangeTarget | null, nullable = false) {
    super(ctx, resolver, nullable);
    this.format = new RangeFormatProxy(ctx, () => this.resolve());
  }

  get dataValidation(): DataValidationProxy {
    this.context.need(8, "Range.dataValidation");
    return new DataValidationProxy(this.context, () => this.resolve());
  }

  /** Range.getIntersection (1.1): fails when the ranges do not meet. */
  getIntersection(other: RangeProxy | string): RangeProxy {
    return new RangeProxy(this.context, () => {
      const t = this.resolve();
      const box = intersect(t.box, typeof other === "string" ? parseBox(other) : other.box());
      if (!box) throw new FakeExcelError("ItemNotFound", "the ranges do not intersect");
      return { sheet: t.sheet, box };
    });
  }

  /** Range.getIntersectionOrNullObject (1.4). */
  getIntersectionOrNullObject(other: RangeProxy | string): RangeProxy {
    this.context.need(4, "Range.getIntersectionOrNullObject");
    return new RangeProxy(
      this.context,
      () => {
        const t = this.resolve(true);
        if (!t) return null;
        const box = intersect(t.box, typeof other === "string" ? parseBox(other) : other.box());
        return box ? { sheet: t.sheet, box } : null;
      },
      true,
    );
  }

  /** Range.calculate (1.6). */
  calculate(): void {
    this.context.need(6, "Range.calculate");
    this.write((t) => t.sheet.book.calculate(t.sheet));
  }

  /** The box, for calls that take a range argument (resolved during the same sync). */
  box(): Box {
    return this.resolve().box;
  }

  protected snapshot(t: RangeTarget, prop: string): unknown {
    switch (prop) {
      case "values":
        this.context.countResponse(payloadOf(t, (r, c) => JSON.stringify(t.sheet.valueAt(r, c))));
        return grid(t, (r, c) => t.sheet.valueAt(r, c));
      case "formulas":
        this.context.countResponse(payloadOf(t, (r, c) => JSON.stringify(t.sheet.formulaAt(r, c))));
        return grid(t, (r, c) => t.sheet.formulaAt(r, c));
      case "numberFormat":
        this.context.countResponse(payloadOf(t, (r, c) => t.sheet.cell(r, c)?.numberFormat ?? "General"));
        return grid(t, (r, c) => t.sheet.cell(r, c)?.numberFormat ?? "General");
      case "address":
        return `${quoteSheet(t.sheet.name)}!${boxAddress(t.box)}`;
      case "rowIndex":
        return t.box.row;
      case "columnIndex":
        return t.box.col;
      case "rowCount":
        return t.box.rows;
      case "columnCount":
        return t.box.cols;
      default:
        throw new FakeExcelError("NotImplemented", `Range.${prop}`);
    }
  }

  get values(): Scalar[][] {
    return this.read("values");
  }
  set values(data: unknown[][]) {
    this.write((t) => {
      const rows = checkDims(t.box, data, "values");
      forEachCell(t, (row, col, r, c) => rows[r][c] !== null && t.sheet.enter(row, col, rows[r][c] as Scalar));
    });
  }
  get formulas(): Scalar[][] {
    return this.read("formulas");
  }
  set formulas(data: unknown[][]) {
    this.write((t) => {
      const rows = checkDims(t.box, data, "formulas");
      forEachCell(t, (row, col, r, c) => rows[r][c] !== null && t.sheet.enter(row, col, rows[r][c] as Scalar));
    });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }
  set numberFormat(data: unknown[][]) {
    this.write((t) => {
      const rows = checkDims(t.box, data, "numberFormat");
      forEachCell(t, (row, col, r, c) => void (t.sheet.ensure(row, col).numberFormat = String(rows[r][c])));
    });
  }
  get address(): string {
    return this.read("address");
  }
  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }

  merge(across = false): void {
    this.context.need(2, "Range.merge");
    this.write((t) => {
      if (across) throw new FakeExcelError("NotImplemented", "merge(across)");
      const b = t.box;
      const overlaps = t.sheet.merges.some(
        (m) => m.row < b.row + b.rows && b.row < m.row + m.rows && m.col < b.col + b.cols && b.col < m.col + m.cols,
      );
      if (overlaps) throw new FakeExcelError("InvalidOperation", `merge ${boxAddress(b)} overlaps another merge`);
      t.sheet.merges.push({ ...b });
    });
  }

  select(): void {
    this.write((t) => {
      t.sheet.book.activeSheet = t.sheet.name;
      t.sheet.book.selection = { sheet: t.sheet.name, address: boxAddress(t.box) };
    });
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    this.context.need(13, "Range.getMergedAreasOrNullObject");
    return new RangeAreasProxy(
      this.context,
      () => {
        const t = this.resolve(true);
        if (!t) return null;
        const b = t.box;
        const inside = t.sheet.merges.filter(
          (m) =>
            m.row >= b.row && m.row + m.rows <= b.row + b.rows && m.col >= b.col && m.col + m.cols <= b.col + b.cols,
        );
        return inside.length ? { sheet: t.sheet, boxes: inside } : null;
      },
      true,
    );
  }
}

export class RangeAreasProxy extends ClientObject<{ sheet: FakeSheet; boxes: Box[] }> {
  protected snapshot(t: { sheet: FakeSheet; boxes: Box[] }, prop: string): unknown {
    if (prop === "address") return t.boxes.map((b) => `${quoteSheet(t.sheet.name)}!${boxAddress(b)}`).join(",");
    if (prop === "areaCount") return t.boxes.length;
    throw new FakeExcelError("NotImplemented", `RangeAreas.${prop}`);
  }
  get address(): string {
    return this.read("address");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
}
