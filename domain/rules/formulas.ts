// Formulas in figure cells. The server takes the value a file saved with each formula and
// never recalculates it, so what Excel shows after opening the kept original can differ from
// the figure stored. A formula in an input cell (a year figure of an item, where people type)
// is reported at its cell: a warning in general, an error when it takes data from outside the
// workbook (WEBSERVICE, DDE, links to other files…) or changes each time it is calculated
// (NOW, RAND, INDIRECT…). Computed cells (the phase total, "Tổng cộng") carry the template's
// own SUM formulas and are reported only when they reach outside the workbook.
import { parseA1 } from "../grid/address";
import type { Grid } from "../grid/model";
import type { Template } from "../template/model";
import { type Entry, TOTAL_ROW } from "../submission/model";
import type { IssueCollector } from "./issue";

/** Functions that fetch from the web, other programs, data connections or add-in code. */
const EXTERNAL = new Set([
  "WEBSERVICE",
  "FILTERXML",
  "RTD",
  "DDE",
  "DDEAUTO",
  "CALL",
  "REGISTER",
  "REGISTER.ID",
  "EXEC",
  "HYPERLINK",
  "IMAGE",
  "STOCKHISTORY",
  "SQL.REQUEST",
  "CUBEVALUE",
  "CUBEMEMBER",
  "CUBESET",
  "CUBESETCOUNT",
  "CUBERANKEDMEMBER",
  "CUBEMEMBERPROPERTY",
  "CUBEKPIMEMBER",
]);

/** Functions whose result changes on every recalculation, or follows a reference built from text. */
const VOLATILE = new Set(["INDIRECT", "OFFSET", "NOW", "TODAY", "RAND", "RANDBETWEEN", "RANDARRAY", "INFO", "CELL"]);

export interface FormulaRisk {
  kind: "external" | "volatile";
  /** The function, link or DDE reference, as written. */
  what: string;
}

/**
 * A function call: the character before the name (so "NOWHERE(" is not "NOW(" or "X.NOW("),
 * Excel's prefixes for newer functions and add-in (XLL) functions, the name, "(". No lookbehind
 * and no matchAll: the pane runs this in Internet Explorer 11.
 */
const FUNCTION = /(^|[^A-Za-z0-9_.])((?:_xlfn\.|_xlws\.|_xll\.)*)([A-Za-z][A-Za-z0-9_.]*)\s*\(/g;
/** After the "]" of "[1]Sheet1!A1" or "[Book.xlsx]Sheet1!A1": a sheet name (maybe empty), then "!". */
const AFTER_BOOK = /^[^\s!()+\-*/^&=<>,;"'{}[\]]*!/;

/**
 * The most serious thing a formula reaches for: an external source (a function, a link to
 * another workbook, a DDE `app|topic!item`) before a volatile function; null for an ordinary
 * formula. Text in double quotes is never code; single quotes name a sheet or a book.
 */
export function formulaRisk(formula: string): FormulaRisk | null {
  let volatile: FormulaRisk | null = null;
  let code = "";
  const flush = (): FormulaRisk | null => {
    FUNCTION.lastIndex = 0;
    for (let m = FUNCTION.exec(code); m; m = FUNCTION.exec(code)) {
      // The match ends with "(", which may be the character before the next name ("SUM(NOW())").
      FUNCTION.lastIndex -= 1;
      const [, , prefix, name] = m;
      const upper = name.toUpperCase();
      if (prefix.toLowerCase().indexOf("_xll.") >= 0 || EXTERNAL.has(upper))
        return { kind: "external", what: prefix + name };
      if (VOLATILE.has(upper)) volatile ??= { kind: "volatile", what: name };
    }
    code = "";
    return null;
  };
  for (let i = 0; i < formula.length; i++) {
    const c = formula[i];
    if (c === '"' || c === "'") {
      // A quoted run: "text" (never code) or 'Sheet name' / 'C:\path\[book.xlsx]Sheet' ('' escapes ').
      let j = i + 1;
      while (j < formula.length && !(formula[j] === c && formula[j + 1] !== c)) j += formula[j] === c ? 2 : 1;
      const quoted = formula.slice(i, j + 1);
      if (c === "'" && /[[\]\\/]/.test(quoted)) return { kind: "external", what: quoted };
      const found = flush();
      if (found) return found;
      code = " ";
      i = j;
      continue;
    }
    if (c === "|") return { kind: "external", what: `${formula.slice(0, i).replace(/^=/, "").slice(-40)}|` };
    if (c === "[" && !/[A-Za-z0-9_.\]\\]/.test(formula[i - 1] ?? "")) {
      // "[1]Sheet1!A1" is a link to another workbook; "Table1[Col]" or "[@Col]" is a table reference.
      const close = formula.indexOf("]", i);
      if (close > i && !formula.slice(i + 1, close).includes("[") && AFTER_BOOK.test(formula.slice(close + 1))) {
        return { kind: "external", what: formula.slice(i, close + 1) };
      }
    }
    code += c;
  }
  return flush() ?? volatile;
}

/** Formula issues for the figure cells a workbook was read from (entries of grids only). */
export function checkFormulas(template: Template, grids: Grid[], entries: Entry[], issues: IssueCollector): void {
  const bySheet = new Map<string, Grid>();
  for (const g of grids) if (g.formulas && !bySheet.has(g.sheet)) bySheet.set(g.sheet, g);
  if (!bySheet.size) return;
  const computedPeriods = new Set(template.periods.filter((p) => p.total).map((p) => p.id));
  for (const e of entries) {
    if (e.source !== "grid" || !e.cell) continue;
    const bang = e.cell.lastIndexOf("!");
    const grid = bySheet.get(e.cell.slice(0, bang));
    const at = grid && parseA1(e.cell.slice(bang + 1));
    const formula = at ? grid.formulas![at.row]?.[at.col] : null;
    if (!formula) continue;
    const input = e.item !== TOTAL_ROW && !computedPeriods.has(e.period);
    const where = { appendix: e.appendix, item: e.item, measure: e.measure, period: e.period, cell: e.cell };
    const risk = formulaRisk(formula);
    if (risk?.kind === "external") issues.add("FORMULA_EXTERNAL", where, { formula, what: risk.what });
    else if (!input) continue;
    else if (risk) issues.add("FORMULA_VOLATILE", where, { formula, what: risk.what });
    else if (e.raw === null) issues.add("FORMULA_INPUT_NO_VALUE", where, { formula });
    else issues.add("FORMULA_INPUT", where, { formula, value: typeof e.raw === "string" ? e.raw : String(e.raw) });
  }
}
