// A worksheet: its state (FakeSheet: cells with values, formulas and formats, merges, widths,
// frozen panes, data validation, notes) with Excel's parsing of what a person types and its SUM
// calculation, and its Office.js object (Worksheet: ranges, freeze panes, page layout, notes).
import { type Box, parseBox } from "./address";
import { ClientObject } from "./client-object";
import type { FakeContext } from "./context";
import { FakeExcelError } from "./errors";
import { NoteCollectionProxy } from "./notes";
import { RangeProxy } from "./range";
import { mustBeActive, sheetNameProblem, splitAddress, zoomProblem } from "./rules";
import type { FakeWorkbook } from "./workbook";

export type Scalar = number | string | boolean;

export interface FakeCell {
  /** For a formula cell: the value Excel last calculated (stale until it calculates again). */
  value: Scalar | null;
  formula: string | null;
  /** A formula written while API calculation was suspended: not calculated until asked. */
  stale?: boolean;
  numberFormat: string;
  bold?: boolean;
  italic?: boolean;
  align?: string;
  wrap?: boolean;
  border?: boolean;
  fill?: string | null;
}

export interface FakeValidation {
  box: Box;
  rule: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  merges: Box[] = [];
  columnWidths: Record<number, number> = {};
  freeze: { rows: number; cols: number } | null = null;
  validations: FakeValidation[] = [];
  notes = new Map<string, string>();
  orientation: string | null = null;
  /** The rest of the page layout (ExcelApi 1.9) as set: paper, zoom, print titles, centre footer. */
  page: { paperSize?: string; zoom?: Record<string, number>; printTitleRows?: string; centerFooter?: string } = {};

  constructor(
    readonly book: FakeWorkbook,
    public name: string,
  ) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(`${row},${col}`);
  }

  ensure(row: number, col: number): FakeCell {
    const key = `${row},${col}`;
    let c = this.cells.get(key);
    if (!c) this.cells.set(key, (c = { value: null, formula: null, numberFormat: "General" }));
    return c;
  }

  /** What a person typing (or pasting) `input` into the cell gets, Excel's parsing included. */
  enter(row: number, col: number, input: Scalar | null): void {
    const c = this.ensure(row, col);
    c.formula = null;
    c.stale = false;
    if (input === null || input === "") c.value = null;
    else if (typeof input !== "string" || c.numberFormat === "@") c.value = input;
    else if (input.startsWith("=") && input.length > 1) {
      c.formula = input;
      // Entering a formula calculates that cell, unless API calculation is suspended.
      if (this.book.calculationSuspended) {
        c.value = null;
        c.stale = true;
      } else c.value = this.evaluate(input, `${row},${col}`, new Set());
    } else if (NUMERIC.test(input.trim())) c.value = Number(input.trim());
    else c.value = input;
  }

  /** The value Excel shows (a formula's last calculated value), "" for empty like Office.js. */
  valueAt(row: number, col: number): Scalar {
    const c = this.cell(row, col);
    if (!c) return "";
    if (c.formula) return c.value ?? 0;
    return c.value ?? "";
  }

  /** What a formula cell comes to when calculated now, precedents calculated first. */
  private fresh(row: number, col: number, seen: Set<string>): Scalar {
    const c = this.cell(row, col);
    if (!c) return "";
    if (c.formula) return this.evaluate(c.formula, `${row},${col}`, seen);
    return c.value ?? "";
  }

  /** Calculates every formula (skipping those written under suspension unless `all`). */
  calculate(all: boolean): void {
    const results: [FakeCell, Scalar][] = [];
    for (const [key, c] of this.cells) {
      if (!c.formula || (c.stale && !all)) continue;
      const [r, col] = key.split(",").map(Number);
      results.push([c, this.fresh(r, col, new Set())]);
    }
    for (const [c, v] of results) {
      c.value = v;
      c.stale = false;
    }
  }

  formulaAt(row: number, col: number): Scalar {
    const c = this.cell(row, col);
    if (!c) return "";
    return c.formula ?? c.value ?? "";
  }

  /** Only =SUM(refs and ranges), which is all the printed sheets use. */
  private evaluate(formula: string, key: string, seen: Set<string>): Scalar {
    if (seen.has(key)) return "#REF!";
    seen.add(key);
    const m = /^=SUM\(([^()]*)\)$/i.exec(formula.replace(/\s+/g, ""));
    if (!m) return "#NAME?";
    let sum = 0;
    for (const part of m[1].split(",")) {
      const b = parseBox(part);
      for (let r = b.row; r < b.row + b.rows; r++) {
        for (let c = b.col; c < b.col + b.cols; c++) {
          const v = this.fresh(r, c, new Set(seen));
          if (typeof v === "string" && v.startsWith("#")) return v;
          if (typeof v === "number") sum += v;
        }
      }
    }
    return sum;
  }

  /** The smallest box holding every cell with a value (valuesOnly) or any format too. */
  usedBox(valuesOnly: boolean): Box | null {
    let top = Infinity;
    let left = Infinity;
    let bottom = -1;
    let right = -1;
    for (const [key, c] of this.cells) {
      const used =
        c.value !== null ||
        c.formula !== null ||
        (!valuesOnly && (c.numberFormat !== "General" || c.bold || c.fill || c.border));
      if (!used) continue;
      const [r, col] = key.split(",").map(Number);
      top = Math.min(top, r);
      left = Math.min(left, col);
      bottom = Math.max(bottom, r);
      right = Math.max(right, col);
    }
    return bottom < 0 ? null : { row: top, col: left, rows: bottom - top + 1, cols: right - left + 1 };
  }

  mergeAt(row: number, col: number): Box | undefined {
    return this.merges.find((m) => row >= m.row && row < m.row + m.rows && col >= m.col && col < m.col + m.cols);
  }
}

/** Worksheet.pageLayout (ExcelApi 1.9): what the add-in sets, each member refused below 1.9. */
export class FakePageLayout {
  readonly headersFooters: { defaultForAllPages: { centerFooter: string } };

  constructor(
    private readonly ctx: FakeContext,
    private readonly write: (op: (s: FakeSheet) => void) => void,
  ) {
    const need = () => ctx.need(9, "PageLayout.headersFooters");
    this.headersFooters = {
      defaultForAllPages: {
        set centerFooter(v: string) {
          need();
          write((s) => void (s.page.centerFooter = v));
        },
      } as { centerFooter: string },
    };
  }

  set orientation(v: string) {
    this.ctx.need(9, "Worksheet.pageLayout");
    this.write((s) => void (s.orientation = v));
  }

  set paperSize(v: string) {
    this.ctx.need(9, "PageLayout.paperSize");
    this.write((s) => void (s.page.paperSize = v));
  }

  set zoom(v: Record<string, number>) {
    this.ctx.need(9, "PageLayout.zoom");
    this.write((s) => {
      zoomProblem(v);
      s.page.zoom = { ...v };
    });
  }

  setPrintTitleRows(rows: string): void {
    this.ctx.need(9, "PageLayout.setPrintTitleRows");
    this.write((s) => {
      if (typeof rows !== "string" || !/^\$?\d+:\$?\d+$/.test(rows))
        throw new FakeExcelError("InvalidArgument", `setPrintTitleRows("${rows}"): whole rows ("$5:$6") expected`);
      s.page.printTitleRows = rows;
    });
  }
}

export class WorksheetProxy extends ClientObject<FakeSheet> {
  readonly freezePanes = {
    freezeAt: (at: RangeProxy | string) => {
      this.context.need(7, "Worksheet.freezePanes");
      this.write((s) => {
        mustBeActive(s);
        const b = typeof at === "string" ? parseBox(at) : at.box();
        if (b.row !== 0 || b.col !== 0)
          throw new FakeExcelError("InvalidArgument", "freezeAt needs a range starting at A1");
        s.freeze = { rows: b.rows, cols: b.cols };
      });
    },
    freezeRows: (n: number) => {
      this.context.need(7, "Worksheet.freezePanes");
      this.write((s) => {
        mustBeActive(s);
        s.freeze = { rows: n, cols: 0 };
      });
    },
    freezeColumns: (n: number) => {
      this.context.need(7, "Worksheet.freezePanes");
      this.write((s) => {
        mustBeActive(s);
        s.freeze = { rows: 0, cols: n };
      });
    },
    unfreeze: () => this.write((s) => void (s.freeze = null)),
  };
  readonly pageLayout: FakePageLayout;
  readonly notes: NoteCollectionProxy;

  constructor(ctx: FakeContext, resolver: () => FakeSheet | null, nullable = false) {
    super(ctx, resolver, nullable);
    this.pageLayout = new FakePageLayout(ctx, (op) => this.write(op));
    this.notes = new NoteCollectionProxy(ctx, () => this.resolve());
  }

  created(sheet: FakeSheet): void {
    this.setTarget(sheet);
  }

  preload(prop: string, s: FakeSheet): void {
    this.loaded.set(prop, this.snapshot(s, prop));
  }

  protected snapshot(s: FakeSheet, prop: string): unknown {
    if (prop === "name") return s.name;
    if (prop === "position") return s.book.sheets.indexOf(s);
    throw new FakeExcelError("NotImplemented", `Worksheet.${prop}`);
  }

  get name(): string {
    return this.read("name");
  }

  set name(value: string) {
    this.write((s) => {
      const clash = s.book.sheet(value);
      if (clash && clash !== s) throw new FakeExcelError("ItemAlreadyExists", `sheet "${value}" exists`);
      const problem = sheetNameProblem(value);
      if (problem) throw new FakeExcelError("InvalidArgument", `bad sheet name "${value}": ${problem}`);
      s.name = value;
    });
  }

  set tabColor(_value: string) {
    this.write(() => undefined);
  }

  activate(): void {
    this.write((s) => void (s.book.activeSheet = s.name));
  }

  delete(): void {
    this.write((s) => s.book.removeSheet(s));
  }

  /** Worksheet.calculate(markAllDirty), ExcelApi 1.6. */
  calculate(_markAllDirty: boolean): void {
    this.context.need(6, "Worksheet.calculate");
    this.write((s) => s.book.calculate(s));
  }

  getRange(address = "A1"): RangeProxy {
    return new RangeProxy(this.context, () => {
      const { sheet, local } = splitAddress(address);
      const target = this.resolve();
      if (sheet !== null && sheet.toLowerCase() !== target.name.toLowerCase())
        throw new FakeExcelError("InvalidArgument", `${address} is not on ${target.name}`);
      return { sheet: target, box: parseBox(local) };
    });
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    this.context.need(7, "Worksheet.getRangeByIndexes");
    if (rows < 1 || cols < 1) throw new FakeExcelError("InvalidArgument", "empty range");
    return new RangeProxy(this.context, () => ({ sheet: this.resolve(), box: { row, col, rows, cols } }));
  }

  /** Like Excel: A1 when the sheet is empty. */
  getUsedRange(valuesOnly?: boolean): RangeProxy {
    if (valuesOnly !== undefined) this.context.need(2, "Worksheet.getUsedRange(valuesOnly)");
    return new RangeProxy(this.context, () => {
      const sheet = this.resolve();
      return { sheet, box: sheet.usedBox(valuesOnly ?? false) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
    this.context.need(4, "Worksheet.getUsedRangeOrNullObject");
    return new RangeProxy(
      this.context,
      () => {
        const sheet = this.resolve(true);
        const box = sheet?.usedBox(valuesOnly);
        return sheet && box ? { sheet, box } : null;
      },
      true,
    );
  }
}
