// The state behind the in-memory Excel: sheets of cells with values, formulas and formats,
// merges, widths, frozen panes, data validation, notes, settings and the selection. It knows
// just enough of Excel to catch adapter mistakes: text typed into a General cell that looks
// like a number becomes a number ("1." → 1), "=…" becomes a formula, SUM formulas evaluate
// when Excel would calculate them (not in Manual mode, not after suspended API writes), sheet
// names follow Excel's rules, and a host profile says which ExcelApi sets exist.
// No Node imports: the browser test bundles it into the page.

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

export interface Box {
  row: number;
  col: number;
  rows: number;
  cols: number;
}

export interface FakeValidation {
  box: Box;
  rule: Record<string, unknown>;
  errorAlert?: Record<string, unknown>;
}

const NUMERIC = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function colName(col: number): string {
  let name = "";
  for (let n = col + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

export function boxAddress(b: Box): string {
  const tl = `${colName(b.col)}${b.row + 1}`;
  return b.rows === 1 && b.cols === 1 ? tl : `${tl}:${colName(b.col + b.cols - 1)}${b.row + b.rows}`;
}

/** "H8", "A1:O3", "A:A" (whole columns) → a box; anything else throws like Excel's InvalidArgument. */
export function parseBox(address: string): Box {
  const cols = /^\$?([A-Z]{1,3}):\$?([A-Z]{1,3})$/i.exec(address);
  if (cols) {
    const a = colIndex(cols[1]);
    const b = colIndex(cols[2]);
    return { row: 0, col: Math.min(a, b), rows: 1048576, cols: Math.abs(b - a) + 1 };
  }
  const m = /^\$?([A-Z]{1,3})\$?(\d{1,7})(?::\$?([A-Z]{1,3})\$?(\d{1,7}))?$/i.exec(address);
  if (!m) throw new FakeExcelError("InvalidArgument", `bad address "${address}"`);
  const r1 = Number(m[2]) - 1;
  const c1 = colIndex(m[1]);
  const r2 = m[4] ? Number(m[4]) - 1 : r1;
  const c2 = m[3] ? colIndex(m[3]) : c1;
  return { row: Math.min(r1, r2), col: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, cols: Math.abs(c2 - c1) + 1 };
}

/**
 * Excel's rules for a worksheet name (Microsoft Support, "Rename a worksheet": it cannot be
 * blank, contain more than 31 characters, contain / \ ? * : [ ], begin or end with an
 * apostrophe, or be named "History", which Excel reserves).
 */
export function sheetNameProblem(name: string): string | null {
  if (!name) return "blank";
  if (name.length > 31) return "more than 31 characters";
  if (/[:\\/?*[\]]/.test(name)) return "contains one of / \\ ? * : [ ]";
  if (name.startsWith("'") || name.endsWith("'")) return "begins or ends with an apostrophe";
  if (name.toLowerCase() === "history") return "History is reserved";
  return null;
}

export class FakeExcelError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = "FakeExcelError";
  }
}

export class FakeSheet {
  readonly cells = new Map<string, FakeCell>();
  merges: Box[] = [];
  columnWidths: Record<number, number> = {};
  freeze: { rows: number; cols: number } | null = null;
  validations: FakeValidation[] = [];
  notes = new Map<string, string>();
  orientation: string | null = null;

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
      const used = c.value !== null || c.formula !== null || (!valuesOnly && (c.numberFormat !== "General" || c.bold || c.fill || c.border));
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

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  /** The highest ExcelApi 1.x set this Excel supports (a host profile). */
  api = 20;
  /** Application.calculationMode. */
  calculationMode: "Automatic" | "AutomaticExceptTables" | "Manual" = "Automatic";
  /** A cell the person is still typing in (Excel is in cell-edit mode), or null. */
  editing: { sheet: string; address: string; text: string } | null = null;
  readonly documentSettings = new FakeDocumentSettings(this);
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string | null = null;
  /** context.sync() calls across every context of this workbook. */
  syncs = 0;
  /** Whether the last sync ran with API calculation suspended. */
  calculationSuspended = false;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const name of sheetNames) this.addSheet(name);
    this.activeSheet = sheetNames[0] ?? null;
  }

  sheet(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  addSheet(name: string): FakeSheet {
    const problem = sheetNameProblem(name);
    if (problem) throw new FakeExcelError("InvalidArgument", `bad sheet name "${name}": ${problem}`);
    if (this.sheet(name)) throw new FakeExcelError("ItemAlreadyExists", `sheet "${name}" exists`);
    const s = new FakeSheet(this, name);
    this.sheets.push(s);
    return s;
  }

  removeSheet(sheet: FakeSheet): void {
    const i = this.sheets.indexOf(sheet);
    if (i >= 0) this.sheets.splice(i, 1);
  }

  private at(sheet: string, address: string): { s: FakeSheet; b: Box } {
    const s = this.sheet(sheet);
    if (!s) throw new FakeExcelError("ItemNotFound", `no sheet ${sheet}`);
    return { s, b: parseBox(address) };
  }

  /** Types into a cell as a person would ("12", "abc", 1.5); Automatic mode recalculates. */
  type(sheet: string, address: string, input: Scalar | null): void {
    const { s, b } = this.at(sheet, address);
    s.enter(b.row, b.col, input);
    this.afterChange();
  }

  /** Starts typing into a cell without finishing it (Excel enters cell-edit mode). */
  startEditing(sheet: string, address: string, text: string): void {
    this.at(sheet, address);
    this.editing = { sheet, address, text };
  }

  /** The person presses Enter: the cell takes the text and cell-edit mode ends. */
  finishEditing(): void {
    const e = this.editing;
    this.editing = null;
    if (e) this.type(e.sheet, e.address, e.text);
  }

  /** Excel recalculates after a change in Automatic mode (not formulas left stale by suspension). */
  afterChange(): void {
    if (this.calculationMode !== "Manual") for (const s of this.sheets) s.calculate(false);
  }

  /** Application.calculate / Worksheet.calculate: every formula, stale ones included. */
  calculate(sheet?: FakeSheet): void {
    for (const s of sheet ? [sheet] : this.sheets) s.calculate(true);
  }

  value(sheet: string, address: string): Scalar {
    const { s, b } = this.at(sheet, address);
    return s.valueAt(b.row, b.col);
  }

  formula(sheet: string, address: string): Scalar {
    const { s, b } = this.at(sheet, address);
    return s.formulaAt(b.row, b.col);
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const { s, b } = this.at(sheet, address);
    return s.cell(b.row, b.col);
  }

  note(sheet: string, address: string): string | undefined {
    return this.sheet(sheet)?.notes.get(address.toUpperCase());
  }

  /** Every cell with a fill colour, as "PL01!H8". */
  filledCells(): string[] {
    const out: string[] = [];
    for (const s of this.sheets) {
      for (const [key, c] of s.cells) {
        if (!c.fill) continue;
        const [r, col] = key.split(",").map(Number);
        out.push(`${s.name}!${colName(col)}${r + 1}`);
      }
    }
    return out.sort();
  }

  /** Every note, as "PL01!H8" → text. */
  allNotes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const s of this.sheets) for (const [addr, text] of s.notes) out[`${s.name}!${addr}`] = text;
    return out;
  }
}
