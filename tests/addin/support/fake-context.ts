// An in-memory Excel.RequestContext over a FakeWorkbook that behaves like Office.js where it
// matters to the adapter: every call is queued and runs only at context.sync(), in order;
// a property can be read only after load() and a sync; *OrNullObject results say whether
// they exist only after a sync; acting on a null object fails the sync; 2-D arrays must
// match the range. It counts syncs so tests can hold the adapter to its budgets.
import { type Box, boxAddress, FakeExcelError, type FakeSheet, FakeWorkbook, parseBox, type Scalar } from "./fake-workbook";

type Op = () => void;

export class FakeContext {
  readonly workbook: WorkbookProxy;
  readonly application: ApplicationProxy;
  /** Syncs made through this context. */
  syncs = 0;
  /** Sync numbers (1-based, this context) that ran with API calculation suspended. */
  readonly suspendedSyncs: number[] = [];
  /** Operations each sync carried (a rough measure of batch size). */
  readonly batchSizes: number[] = [];
  suspendNext = false;
  private queue: Op[] = [];

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
    this.application = new ApplicationProxy(this);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  get pending(): number {
    return this.queue.length;
  }

  async sync(): Promise<void> {
    this.syncs++;
    this.book.syncs++;
    const ops = this.queue;
    this.queue = [];
    this.batchSizes.push(ops.length);
    if (this.suspendNext) this.suspendedSyncs.push(this.syncs);
    this.book.calculationSuspended = this.suspendNext;
    this.suspendNext = false;
    await Promise.resolve();
    for (const op of ops) op(); // the first failure rejects the sync and drops the rest, like Excel
  }
}

/** Excel.run for the fake: a fresh context, and a final sync for anything still queued. */
export async function runFake<T>(book: FakeWorkbook, fn: (ctx: FakeContext) => Promise<T>): Promise<{ result: T; ctx: FakeContext }> {
  const ctx = new FakeContext(book);
  const result = await fn(ctx);
  if (ctx.pending) await ctx.sync();
  return { result, ctx };
}

function notLoaded(prop: string): FakeExcelError {
  return new FakeExcelError(
    "PropertyNotLoaded",
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

function propsOf(arg: unknown): string[] {
  if (arg === undefined) return [];
  if (typeof arg === "string") return arg.split(",").map((s) => s.trim()).filter(Boolean);
  if (Array.isArray(arg)) return arg.flatMap(propsOf);
  throw new FakeExcelError("NotImplemented", "load() with an options object");
}

abstract class ClientObject<T> {
  protected readonly loaded = new Map<string, unknown>();
  private cached: T | null | undefined;
  private existence: boolean | undefined;

  constructor(
    readonly context: FakeContext,
    private readonly resolver: () => T | null,
    private readonly nullable = false,
  ) {
    if (nullable) context.enqueue(() => void (this.existence = this.resolve(true) !== null));
  }

  /** Settles the target the first time an operation touches it (operations run in order). */
  protected resolve(allowNull = false): T {
    if (this.cached === undefined || this.cached === null) this.cached = this.resolver();
    if (this.cached === null && !allowNull) throw new FakeExcelError("ItemNotFound", `${this.constructor.name} does not exist`);
    return this.cached as T;
  }

  protected setTarget(target: T): void {
    this.cached = target;
  }

  get isNullObject(): boolean {
    if (!this.nullable) return false;
    if (this.existence === undefined) throw notLoaded("isNullObject");
    return !this.existence;
  }

  protected read<V>(prop: string): V {
    if (!this.loaded.has(prop)) throw notLoaded(prop);
    return this.loaded.get(prop) as V;
  }

  protected write(op: (target: T) => void): void {
    this.context.enqueue(() => op(this.resolve()));
  }

  protected abstract snapshot(target: T, prop: string): unknown;

  load(props?: string | string[]): this {
    const names = propsOf(props);
    this.context.enqueue(() => {
      const target = this.resolve(this.nullable);
      for (const p of names) this.loaded.set(p, target === null ? null : this.snapshot(target, p));
    });
    return this;
  }
}

class ApplicationProxy {
  constructor(private readonly ctx: FakeContext) {}
  suspendApiCalculationUntilNextSync(): void {
    this.ctx.suspendNext = true;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly notes: NoteCollectionProxy;
  constructor(readonly context: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.settings = new SettingCollectionProxy(context);
    this.notes = new NoteCollectionProxy(context, null);
  }
}

class WorksheetCollectionProxy {
  private items_: WorksheetProxy[] | undefined;
  constructor(private readonly ctx: FakeContext) {}

  getItem(name: string): WorksheetProxy {
    return new WorksheetProxy(this.ctx, () => this.ctx.book.sheet(name) ?? null);
  }

  getItemOrNullObject(name: string): WorksheetProxy {
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

class WorksheetProxy extends ClientObject<FakeSheet> {
  readonly freezePanes = {
    freezeAt: (at: RangeProxy | string) =>
      this.write((s) => {
        const b = typeof at === "string" ? parseBox(at) : at.box();
        if (b.row !== 0 || b.col !== 0) throw new FakeExcelError("InvalidArgument", "freezeAt needs a range starting at A1");
        s.freeze = { rows: b.rows, cols: b.cols };
      }),
    freezeRows: (n: number) => this.write((s) => void (s.freeze = { rows: n, cols: 0 })),
    unfreeze: () => this.write((s) => void (s.freeze = null)),
  };
  readonly pageLayout: { orientation: string };
  readonly notes: NoteCollectionProxy;

  constructor(ctx: FakeContext, resolver: () => FakeSheet | null, nullable = false) {
    super(ctx, resolver, nullable);
    const write = (op: (s: FakeSheet) => void) => this.write(op);
    this.pageLayout = {
      set orientation(v: string) {
        write((s) => void (s.orientation = v));
      },
    } as { orientation: string };
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
      if (!value || value.length > 31 || /[:\\/?*[\]]/.test(value)) throw new FakeExcelError("InvalidArgument", `bad sheet name "${value}"`);
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

  getRange(address = "A1"): RangeProxy {
    return new RangeProxy(this.context, () => ({ sheet: this.resolve(), box: parseBox(address) }));
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    if (rows < 1 || cols < 1) throw new FakeExcelError("InvalidArgument", "empty range");
    return new RangeProxy(this.context, () => ({ sheet: this.resolve(), box: { row, col, rows, cols } }));
  }

  /** Like Excel: A1 when the sheet is empty. */
  getUsedRange(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.resolve();
      return { sheet, box: sheet.usedBox(valuesOnly) ?? { row: 0, col: 0, rows: 1, cols: 1 } };
    });
  }

  getUsedRangeOrNullObject(valuesOnly = false): RangeProxy {
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

interface RangeTarget {
  sheet: FakeSheet;
  box: Box;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z0-9_]+$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function checkDims(b: Box, data: unknown, what: string): unknown[][] {
  if (!Array.isArray(data) || data.length !== b.rows || data.some((r) => !Array.isArray(r) || r.length !== b.cols)) {
    throw new FakeExcelError("InvalidArgument", `${what}: the array does not match the ${b.rows}×${b.cols} range`);
  }
  return data as unknown[][];
}

function forEachCell(t: RangeTarget, fn: (row: number, col: number, r: number, c: number) => void): void {
  for (let r = 0; r < t.box.rows; r++) for (let c = 0; c < t.box.cols; c++) fn(t.box.row + r, t.box.col + c, r, c);
}

function grid<V>(t: RangeTarget, fn: (row: number, col: number) => V): V[][] {
  return Array.from({ length: t.box.rows }, (_, r) => Array.from({ length: t.box.cols }, (_, c) => fn(t.box.row + r, t.box.col + c)));
}

class RangeProxy extends ClientObject<RangeTarget> {
  readonly format: RangeFormatProxy;
  readonly dataValidation: DataValidationProxy;

  constructor(ctx: FakeContext, resolver: () => RangeTarget | null, nullable = false) {
    super(ctx, resolver, nullable);
    this.format = new RangeFormatProxy(ctx, () => this.resolve());
    this.dataValidation = new DataValidationProxy(ctx, () => this.resolve());
  }

  /** The box, for calls that take a range argument (resolved during the same sync). */
  box(): Box {
    return this.resolve().box;
  }

  protected snapshot(t: RangeTarget, prop: string): unknown {
    switch (prop) {
      case "values":
        return grid(t, (r, c) => t.sheet.valueAt(r, c));
      case "formulas":
        return grid(t, (r, c) => t.sheet.formulaAt(r, c));
      case "numberFormat":
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
    this.write((t) => {
      if (across) throw new FakeExcelError("NotImplemented", "merge(across)");
      const b = t.box;
      const overlaps = t.sheet.merges.some((m) => m.row < b.row + b.rows && b.row < m.row + m.rows && m.col < b.col + b.cols && b.col < m.col + m.cols);
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
    return new RangeAreasProxy(
      this.context,
      () => {
        const t = this.resolve(true);
        if (!t) return null;
        const b = t.box;
        const inside = t.sheet.merges.filter((m) => m.row >= b.row && m.row + m.rows <= b.row + b.rows && m.col >= b.col && m.col + m.cols <= b.col + b.cols);
        return inside.length ? { sheet: t.sheet, boxes: inside } : null;
      },
      true,
    );
  }
}

class RangeAreasProxy extends ClientObject<{ sheet: FakeSheet; boxes: Box[] }> {
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

class RangeFormatProxy {
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
        if (!/^(EdgeTop|EdgeBottom|EdgeLeft|EdgeRight|InsideVertical|InsideHorizontal)$/.test(edge)) throw new FakeExcelError("InvalidArgument", edge);
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
    this.ctx.enqueue(() => {
      const t = this.target();
      for (let c = t.box.col; c < t.box.col + t.box.cols; c++) t.sheet.columnWidths[c] = points;
    });
  }
  set rowHeight(_points: number) {
    this.ctx.enqueue(() => void this.target());
  }
  autofitRows(): void {
    this.ctx.enqueue(() => void this.target());
  }
}

class DataValidationProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly target: () => RangeTarget,
  ) {}

  clear(): void {
    this.ctx.enqueue(() => {
      const { sheet, box } = this.target();
      sheet.validations = sheet.validations.filter((v) => !(v.box.row >= box.row && v.box.row < box.row + box.rows && v.box.col >= box.col && v.box.col < box.col + box.cols));
    });
  }

  private current(): { sheet: FakeSheet; v: { box: Box; rule: Record<string, unknown>; errorAlert?: Record<string, unknown> } } {
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

/** Notes of one sheet, or (sheet = null) of the whole workbook, where addresses name the sheet. */
class NoteCollectionProxy {
  private items_: NoteProxy[] | undefined;
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: (() => FakeSheet) | null,
  ) {}

  add(cellAddress: string, content: string): void {
    this.ctx.enqueue(() => {
      let s = this.sheet?.();
      let local = cellAddress;
      if (cellAddress.includes("!")) {
        const at = cellAddress.lastIndexOf("!");
        const name = cellAddress.slice(0, at).replace(/^'(.*)'$/, "$1").replace(/''/g, "'");
        s = this.ctx.book.sheet(name);
        local = cellAddress.slice(at + 1);
      }
      if (!s) throw new FakeExcelError("InvalidCellAddress", cellAddress);
      const b = parseBox(local);
      if (b.rows !== 1 || b.cols !== 1) throw new FakeExcelError("InvalidCellAddress", cellAddress);
      const key = boxAddress(b);
      if (s.notes.has(key)) throw new FakeExcelError("InvalidArgument", `cell ${key} already has a note`);
      s.notes.set(key, String(content));
    });
  }

  load(props?: string | string[]): this {
    const names = propsOf(props).map((p) => p.replace(/^items\//, ""));
    this.ctx.enqueue(() => {
      const sheets = this.sheet ? [this.sheet()] : this.ctx.book.sheets;
      this.items_ = sheets.flatMap((s) => [...s.notes.entries()].map(([key, content]) => new NoteProxy(this.ctx, s, key, names.includes("content") ? content : undefined)));
    });
    return this;
  }

  get items(): NoteProxy[] {
    if (!this.items_) throw notLoaded("items");
    return this.items_;
  }
}

class NoteProxy {
  constructor(
    private readonly ctx: FakeContext,
    private readonly sheet: FakeSheet,
    private readonly key: string,
    private readonly content_: string | undefined,
  ) {}

  get content(): string {
    if (this.content_ === undefined) throw notLoaded("content");
    return this.content_;
  }

  delete(): void {
    this.ctx.enqueue(() => {
      if (!this.sheet.notes.delete(this.key)) throw new FakeExcelError("ItemNotFound", `no note at ${this.key}`);
    });
  }
}

class SettingCollectionProxy {
  constructor(private readonly ctx: FakeContext) {}

  add(key: string, value: unknown): void {
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    this.ctx.enqueue(() => void this.ctx.book.settings.set(key, copy));
  }

  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.ctx, () => (this.ctx.book.settings.has(key) ? { key } : null), true);
  }
}

class SettingProxy extends ClientObject<{ key: string }> {
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

export { FakeWorkbook };
