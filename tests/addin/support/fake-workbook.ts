// The state behind the in-memory Excel: sheets of cells with values, formulas and formats,
// merges, widths, frozen panes, data validation, notes, settings and the selection. It knows
// just enough of Excel to catch adapter mistakes: text typed into a General cell that looks
// like a number becomes a number ("1." → 1), "=…" becomes a formula, SUM formulas evaluate.
// No Node imports: the browser test bundles it into the page.

export type Scalar = number | string | boolean;

export interface FakeCell {
  value: Scalar | null;
  formula: string | null;
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
    if (input === null || input === "") c.value = null;
    else if (typeof input !== "string" || c.numberFormat === "@") c.value = input;
    else if (input.startsWith("=") && input.length > 1) {
      c.formula = input;
      c.value = null;
    } else if (NUMERIC.test(input.trim())) c.value = Number(input.trim());
    else c.value = input;
  }

  /** The value Excel shows (formulas evaluated), "" for empty like Office.js. */
  valueAt(row: number, col: number, seen = new Set<string>()): Scalar {
    const c = this.cell(row, col);
    if (!c) return "";
    if (c.formula) return this.evaluate(c.formula, `${row},${col}`, seen);
    return c.value ?? "";
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
          const v = this.valueAt(r, c, new Set(seen));
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

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
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
    if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name)) throw new FakeExcelError("InvalidArgument", `bad sheet name "${name}"`);
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

  /** Types into a cell as a person would ("12", "abc", 1.5). */
  type(sheet: string, address: string, input: Scalar | null): void {
    const { s, b } = this.at(sheet, address);
    s.enter(b.row, b.col, input);
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
