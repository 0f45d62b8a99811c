// An in-memory Excel.RequestContext over a FakeWorkbook that behaves like Office.js where it
// matters to the adapter: every call is queued and runs only at context.sync(), in order;
// a property can be read only after load() and a sync; *OrNullObject results say whether
// they exist only after a sync; acting on a null object fails the sync; 2-D arrays must
// match the range. It counts syncs so tests can hold the adapter to its budgets.
// It also refuses what real Excel refuses, each rule from Microsoft's documentation:
// - an API above the host's ExcelApi set fails the sync with ApiNotFound ("The API you are trying
//   to use could not be found. It may be available in a newer version of Excel." — Office.js
//   error codes); the set of each member is its "[Api set: ExcelApi 1.x]" in the reference;
// - a batch while the person is typing in a cell fails with InvalidOperationInCellEditMode unless
//   Excel.run was given { delayForCellEdit: true } (Excel.RunOptions) on a host that knows it;
// - a sheet name that could be read as a cell reference (PL01 is column PL, row 1) or holds
//   spaces or punctuation must be quoted in an address ('PL01'!H8) — NoteCollection.add: "If the
//   string is invalid … an InvalidCellAddress error is thrown";
// - Excel on the web refuses a request or response over 5 MB ("Resource limits and performance
//   optimization for Office Add-ins": payload size limit for requests and responses, 5 MB);
// - freezing panes acts on the active sheet only (OfficeDev/office-js issues: freezePanes on a
//   sheet that is not active is ignored or misplaced), so the fake refuses it;
// - suspendApiCalculationUntilNextSync leaves formulas written in that sync uncalculated ("it is
//   the developer's responsibility to re-calc the workbook"), and Manual mode calculates nothing
//   until asked.
import { type Box, boxAddress, FakeExcelError, type FakeSheet, FakeWorkbook, parseBox, type Scalar, sheetNameProblem } from "./fake-workbook";

/** Excel on the web's limit on one request's or response's payload. */
export const PAYLOAD_LIMIT_BYTES = 5 * 1024 * 1024;

/** Whether a sheet name can stand unquoted before "!" in an address (else Excel needs 'name'!A1). */
export function sheetNameNeedsQuotes(name: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) return true;
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(name);
  if (a1) {
    let col = 0;
    for (const ch of a1[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    if (col <= 16384 && Number(a1[2]) >= 1 && Number(a1[2]) <= 1048576) return true;
  }
  return /^(R\d*)?(C\d*)?$/i.test(name); // R1C1-style references (R, C, R2, C3, R1C1)
}

/** "'PL01'!H8" → sheet and local address, refusing an unquoted name Excel would misread. */
export function splitAddress(address: string): { sheet: string | null; local: string } {
  const at = address.lastIndexOf("!");
  if (at < 0) return { sheet: null, local: address };
  const raw = address.slice(0, at);
  const quoted = /^'((?:[^']|'')+)'$/.exec(raw);
  if (quoted) return { sheet: quoted[1].replace(/''/g, "'"), local: address.slice(at + 1) };
  if (sheetNameNeedsQuotes(raw)) throw new FakeExcelError("InvalidCellAddress", `"${address}": the sheet name must be quoted ('${raw}'!…)`);
  return { sheet: raw, local: address.slice(at + 1) };
}

export interface FakeRunOptions {
  delayForCellEdit?: boolean;
}

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
  /** Bytes loaded in the sync being run (Excel on the web refuses responses over 5 MB). */
  responseBytes = 0;
  private queue: Op[] = [];

  constructor(readonly book: FakeWorkbook) {
    this.workbook = new WorkbookProxy(this);
    this.application = new ApplicationProxy(this);
  }

  enqueue(op: Op): void {
    this.queue.push(op);
  }

  /** Queues the host's check that it has ExcelApi 1.`level` (the sync fails with ApiNotFound if not). */
  need(level: number, what: string): void {
    this.enqueue(() => {
      if (this.book.api < level) {
        throw new FakeExcelError("ApiNotFound", `${what} needs ExcelApi 1.${level}; this Excel has 1.${this.book.api}. It may be available in a newer version of Excel.`);
      }
    });
  }

  /** Counts loaded data against the payload limit. */
  countResponse(bytes: number): void {
    this.responseBytes += bytes;
    if (this.responseBytes > PAYLOAD_LIMIT_BYTES) {
      throw new FakeExcelError("RequestPayloadSizeLimitExceeded", `the response is over ${PAYLOAD_LIMIT_BYTES} bytes`);
    }
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
    const suspended = this.suspendNext;
    this.book.calculationSuspended = suspended;
    this.suspendNext = false;
    this.responseBytes = 0;
    await Promise.resolve();
    if (this.book.editing && !this.delayed) {
      throw new FakeExcelError("InvalidOperationInCellEditMode", "Excel is in cell-editing mode. Please exit the edit mode by pressing ENTER or TAB or selecting another cell, and then try again.");
    }
    try {
      for (const op of ops) op(); // the first failure rejects the sync and drops the rest, like Excel
    } finally {
      this.book.calculationSuspended = false;
      if (!suspended) this.book.afterChange();
    }
  }

  /** Set by runFake when Excel.run was asked to wait for cell edits and the host knows how. */
  delayed = false;
}

/**
 * Excel.run for the fake: a fresh context, and a final sync for anything still queued. With
 * { delayForCellEdit: true } on a host that knows the option, a batch waits for the person to
 * finish the cell (the fake finishes it at once); otherwise each sync fails while editing.
 */
export async function runFake<T>(book: FakeWorkbook, fn: (ctx: FakeContext) => Promise<T>, options: FakeRunOptions = {}): Promise<{ result: T; ctx: FakeContext }> {
  const ctx = new FakeContext(book);
  if (options.delayForCellEdit && book.api >= 8) {
    ctx.delayed = true;
    book.finishEditing();
  }
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
    if (!/^(Recalculate|Full|FullRebuild)$/.test(calculationType)) throw new FakeExcelError("InvalidArgument", calculationType);
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

function mustBeActive(s: FakeSheet): void {
  if (s.book.activeSheet?.toLowerCase() !== s.name.toLowerCase()) throw new FakeExcelError("InvalidOperation", `freezePanes on "${s.name}", which is not the active sheet`);
}

class WorksheetProxy extends ClientObject<FakeSheet> {
  readonly freezePanes = {
    freezeAt: (at: RangeProxy | string) => {
      this.context.need(7, "Worksheet.freezePanes");
      this.write((s) => {
        mustBeActive(s);
        const b = typeof at === "string" ? parseBox(at) : at.box();
        if (b.row !== 0 || b.col !== 0) throw new FakeExcelError("InvalidArgument", "freezeAt needs a range starting at A1");
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
  readonly pageLayout: { orientation: string };
  readonly notes: NoteCollectionProxy;

  constructor(ctx: FakeContext, resolver: () => FakeSheet | null, nullable = false) {
    super(ctx, resolver, nullable);
    const write = (op: (s: FakeSheet) => void) => this.write(op);
    this.pageLayout = {
      set orientation(v: string) {
        ctx.need(9, "Worksheet.pageLayout");
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
      if (sheet !== null && sheet.toLowerCase() !== target.name.toLowerCase()) throw new FakeExcelError("InvalidArgument", `${address} is not on ${target.name}`);
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

function intersect(a: Box, b: Box): Box | null {
  const row = Math.max(a.row, b.row);
  const col = Math.max(a.col, b.col);
  const bottom = Math.min(a.row + a.rows, b.row + b.rows);
  const right = Math.min(a.col + a.cols, b.col + b.cols);
  return bottom > row && right > col ? { row, col, rows: bottom - row, cols: right - col } : null;
}

class RangeProxy extends ClientObject<RangeTarget> {
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
    this.context.need(13, "Range.getMergedAreasOrNullObject");
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

interface NoteTarget {
  sheet: FakeSheet;
  key: string;
}

class NoteProxy extends ClientObject<NoteTarget> {
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

class SettingCollectionProxy {
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
