// A small, bounded evaluator for the formulas a budget table's totals are made of, over the
// sheet's own cells: numbers, references (A1, $A$1, 'PL01'!A1 naming this sheet), "+" and "-",
// parentheses and SUM of references, ranges and expressions. Anything else (other functions,
// other sheets, text arithmetic, errors) is unknown, never guessed. It exists because some
// programs (xlsxwriter, pandas) save 0 as every formula's result and ask the spreadsheet to
// recalculate on opening, and others (openpyxl) save no result at all: without it such a file's
// totals could be neither trusted nor compared.
//
// Bounded whatever the sheet holds: each formula cell is evaluated at most once (a cycle is
// unknown), references nest at most MAX_DEPTH deep, parentheses MAX_NESTING deep, and every
// referenced cell (each cell of a range too) costs one step of a budget for the whole call.
import { parseA1 } from "./address";
import type { CellValue, Grid } from "./model";

export interface EvaluateOptions {
  /** Formula cells never evaluated: what the file saved there is their value (nothing saved: blank). */
  keep?: (row: number, col: number) => boolean;
  /**
   * Work left, shared by every call given the same object: one step per character of formula
   * read and per cell referenced (each cell of a range too). Past it every result is unknown.
   * Default: DEFAULT_STEPS for this call alone.
   */
  budget?: { steps: number };
}

/** Formula cells one reference chain may go through (A1 → A2 → … ): deeper is unknown. */
export const MAX_DEPTH = 100;
/** Parentheses and SUM calls inside one formula. */
const MAX_NESTING = 32;
export const DEFAULT_STEPS = 200_000;

/** Whether a formula cell's saved result cannot be used: the file asks for a recalculation, or saved none. */
export function untrusted(grid: Grid, row: number, col: number): boolean {
  const formula = grid.formulas?.[row]?.[col];
  return !!formula && (grid.recalc === true || (grid.values[row]?.[col] ?? null) === null);
}

/** True when the grid has formula cells whose saved results cannot be used. */
export function hasUntrusted(grid: Grid): boolean {
  if (!grid.formulas) return false;
  for (let r = 0; r < grid.formulas.length; r++) {
    const row = grid.formulas[r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++)
      if (row[c] && (grid.recalc || (grid.values[r]?.[c] ?? null) === null)) return true;
  }
  return false;
}

/** row * COLS + col: a key per cell. */
const COLS = 16384;

type Token =
  | { t: "num"; v: number }
  | { t: "ref"; row: number; col: number; sheet: string | null }
  | { t: "op"; v: "+" | "-" | "(" | ")" | "," | ":" }
  | { t: "fn"; v: string };

/** Excel's and LibreOffice's error values: a range holding one makes SUM an error. */
const ERROR_VALUE = /^(?:#(?:DIV\/0!|N\/A|NAME\?|NULL!|NUM!|REF!|VALUE!|SPILL!|CALC!|GETTING_DATA)|Err:\d+)$/;
const CELL = /^\$?([A-Za-z]{1,3})\$?([0-9]{1,7})$/;

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** Characters of a name, a cell reference or an unquoted sheet name. */
const isNameChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 /* _ */ || c === 46 /* . */ || c === 36; /* $ */

/** One pass over the formula, no regular expression per token: the cost follows its length. */
function tokenize(formula: string): Token[] | null {
  const tokens: Token[] = [];
  const n = formula.length;
  let i = formula.charCodeAt(0) === 0x3d /* = */ ? 1 : 0;
  while (i < n) {
    const c = formula.charCodeAt(i);
    const ch = formula[i];
    if (ch === " " || ch === "\n" || ch === "\r" || ch === "\t") {
      i++;
    } else if ("+-(),:;".indexOf(ch) >= 0) {
      tokens.push({ t: "op", v: ch === ";" ? "," : (ch as "+" | "-" | "(" | ")" | "," | ":") });
      i++;
    } else if (isDigit(c) || (ch === "." && isDigit(formula.charCodeAt(i + 1)))) {
      let j = i;
      while (j < n && (isDigit(formula.charCodeAt(j)) || formula[j] === ".")) j++;
      if (
        (formula[j] === "e" || formula[j] === "E") &&
        (isDigit(formula.charCodeAt(j + 1)) ||
          ((formula[j + 1] === "+" || formula[j + 1] === "-") && isDigit(formula.charCodeAt(j + 2))))
      ) {
        j += 2;
        while (j < n && isDigit(formula.charCodeAt(j))) j++;
      }
      const v = Number(formula.slice(i, j));
      if (!Number.isFinite(v)) return null;
      tokens.push({ t: "num", v });
      i = j;
    } else if (ch === "'" || isNameChar(c)) {
      // A sheet-qualified reference ('Kế hoạch'!A1, PL01!A1), a function name, or a cell reference.
      let sheet: string | null = null;
      let j = i;
      if (ch === "'") {
        j++;
        let name = "";
        for (;;) {
          if (j >= n) return null;
          if (formula[j] === "'") {
            if (formula[j + 1] !== "'") break;
            name += "'";
            j += 2;
          } else name += formula[j++];
        }
        j++;
        if (formula[j] !== "!") return null;
        sheet = name;
        i = ++j;
      }
      while (j < n && isNameChar(formula.charCodeAt(j))) j++;
      let word = formula.slice(i, j);
      if (sheet === null && formula[j] === "!") {
        sheet = word;
        i = ++j;
        while (j < n && isNameChar(formula.charCodeAt(j))) j++;
        word = formula.slice(i, j);
      }
      let k = j;
      while (formula[k] === " ") k++;
      if (sheet === null && formula[k] === "(") {
        tokens.push({ t: "fn", v: word.toUpperCase() });
        tokens.push({ t: "op", v: "(" });
        i = k + 1;
        continue;
      }
      const m = CELL.exec(word);
      const at = m && parseA1(m[1] + m[2]);
      if (!at || at.row < 0) return null;
      tokens.push({ t: "ref", row: at.row, col: at.col, sheet });
      i = j;
    } else {
      return null;
    }
  }
  return tokens;
}

/** Unknown: the evaluation cannot say (not an error the sheet shows, just not ours to guess). */
const UNKNOWN = null;
type Result = number | null;

/**
 * Every formula cell of `grid` whose saved result cannot be used (see `untrusted`), evaluated:
 * key row * 16384 + col → the number, or null when unknown.
 */
export function evaluateUntrusted(grid: Grid, opts: EvaluateOptions = {}): Map<number, Result> {
  const results = new Map<number, Result>();
  const pending = new Set<number>();
  const budget = opts.budget ?? { steps: DEFAULT_STEPS };
  const sheetKey = grid.sheet.toLowerCase();

  /** A referenced cell: number, "blank", "text" (text, booleans) or UNKNOWN (an unknown formula, an error value). */
  const cell = (row: number, col: number, depth: number): number | "blank" | "text" | null => {
    if (--budget.steps < 0) return UNKNOWN;
    if (untrusted(grid, row, col) && !opts.keep?.(row, col)) return formulaCell(row, col, depth);
    const v: CellValue = grid.values[row]?.[col] ?? null;
    if (typeof v === "number") return Number.isFinite(v) ? v : UNKNOWN;
    if (v === null || (typeof v === "string" && v.trim() === "")) return "blank";
    if (typeof v === "string" && ERROR_VALUE.test(v.trim())) return UNKNOWN;
    return "text";
  };

  const formulaCell = (row: number, col: number, depth: number): Result => {
    const key = row * COLS + col;
    const known = results.get(key);
    if (known !== undefined) return known;
    if (pending.has(key) || depth > MAX_DEPTH) return UNKNOWN;
    pending.add(key);
    const value = evaluate(grid.formulas![row][col]!, depth + 1);
    pending.delete(key);
    results.set(key, value);
    return value;
  };

  const evaluate = (formula: string, depth: number): Result => {
    // Reading the formula is work too: one step per character.
    budget.steps -= formula.length;
    if (budget.steps < 0) return UNKNOWN;
    const tokens = tokenize(formula);
    if (!tokens || !tokens.length) return UNKNOWN;
    let at = 0;
    let nesting = 0;
    const peek = () => tokens[at];
    const isOp = (v: string) => {
      const t = tokens[at];
      return t !== undefined && t.t === "op" && t.v === v;
    };
    const ownSheet = (t: { sheet: string | null }) => t.sheet === null || t.sheet.toLowerCase() === sheetKey;

    // expr := unary (("+" | "-") unary)*
    const expr = (): Result => {
      let value = unary();
      while (value !== UNKNOWN && (isOp("+") || isOp("-"))) {
        const minus = isOp("-");
        at++;
        const right = unary();
        value = right === UNKNOWN ? UNKNOWN : minus ? value - right : value + right;
      }
      return value;
    };
    // unary := ("+" | "-") unary | primary
    const unary = (): Result => {
      if (isOp("+") || isOp("-")) {
        const minus = isOp("-");
        at++;
        if (++nesting > MAX_NESTING) return UNKNOWN;
        const v = unary();
        nesting--;
        return v === UNKNOWN ? UNKNOWN : minus ? -v : v;
      }
      return primary();
    };
    // primary := number | reference | "(" expr ")" | SUM "(" arg ("," arg)* ")"
    const primary = (): Result => {
      const t = peek();
      if (!t) return UNKNOWN;
      if (t.t === "num") {
        at++;
        return t.v;
      }
      if (t.t === "ref") {
        at++;
        if (isOp(":") || !ownSheet(t)) return UNKNOWN; // a range outside SUM, another sheet
        const v = cell(t.row, t.col, depth);
        return v === "blank" ? 0 : typeof v === "number" ? v : UNKNOWN;
      }
      if (t.t === "op" && t.v === "(") {
        at++;
        if (++nesting > MAX_NESTING) return UNKNOWN;
        const v = expr();
        nesting--;
        if (!isOp(")")) return UNKNOWN;
        at++;
        return v;
      }
      if (t.t === "fn" && t.v === "SUM") {
        at += 2; // SUM (
        if (++nesting > MAX_NESTING) return UNKNOWN;
        let total = 0;
        for (;;) {
          const part = sumArgument();
          if (part === UNKNOWN) return UNKNOWN;
          total += part;
          if (isOp(",")) {
            at++;
            continue;
          }
          if (!isOp(")")) return UNKNOWN;
          at++;
          nesting--;
          return total;
        }
      }
      return UNKNOWN;
    };
    // A reference or range counts its numbers (text, booleans and blanks are skipped, as
    // spreadsheets do); any other argument is an expression.
    const sumArgument = (): Result => {
      const t = peek();
      const next = tokens[at + 1];
      const after = tokens[at + 2];
      if (t?.t === "ref" && next?.t === "op" && next.v === ":" && after?.t === "ref") {
        const end = tokens[at + 3];
        if (end && !(end.t === "op" && (end.v === "," || end.v === ")"))) return UNKNOWN;
        at += 3;
        if (!ownSheet(t) || (after.sheet !== null && !ownSheet(after))) return UNKNOWN;
        return sumRange(
          Math.min(t.row, after.row),
          Math.min(t.col, after.col),
          Math.max(t.row, after.row),
          Math.max(t.col, after.col),
        );
      }
      if (t?.t === "ref" && next?.t === "op" && (next.v === "," || next.v === ")")) {
        at++;
        if (!ownSheet(t)) return UNKNOWN;
        return sumRange(t.row, t.col, t.row, t.col);
      }
      return expr();
    };
    const sumRange = (top: number, left: number, bottom: number, right: number): Result => {
      let total = 0;
      const lastRow = Math.min(bottom, grid.values.length - 1);
      for (let r = top; r <= lastRow; r++) {
        const lastCol = Math.min(right, (grid.values[r]?.length ?? 0) - 1);
        for (let c = left; c <= lastCol; c++) {
          const v = cell(r, c, depth);
          if (v === UNKNOWN) return UNKNOWN;
          if (typeof v === "number") total += v;
        }
      }
      return total;
    };

    const value = expr();
    return at === tokens.length && value !== UNKNOWN && Number.isFinite(value) ? value : UNKNOWN;
  };

  for (let r = 0; r < (grid.formulas?.length ?? 0); r++) {
    const row = grid.formulas![r];
    if (!row) continue;
    for (let c = 0; c < row.length; c++) if (untrusted(grid, r, c) && !opts.keep?.(r, c)) formulaCell(r, c, 0);
  }
  return results;
}

/** The key evaluateUntrusted uses for a cell. */
export function cellKey(row: number, col: number): number {
  return row * COLS + col;
}

/** A1 text of a sheet cell ("PL01!H8") → the cell, for callers that hold entries. */
export function cellOfAddress(address: string): { sheet: string; row: number; col: number } | null {
  const bang = address.lastIndexOf("!");
  const at = parseA1(address.slice(bang + 1));
  return at ? { sheet: address.slice(0, bang), row: at.row, col: at.col } : null;
}
