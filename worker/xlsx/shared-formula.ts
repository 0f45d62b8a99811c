// Excel writes a formula repeated down a column once ("shared"); the other cells only name
// it. To give every cell its own text we move the relative references by the cell's offset,
// leaving absolute ($) parts, string literals and quoted sheet names alone.
import { columnIndex, columnName } from "../../domain";

const COLS = 16384;
const ROWS = 1048576;

// A reference: not preceded by a name character, not followed by one, "(" or "!".
const REF = /(?<![A-Za-z0-9_.$])(\$?)([A-Z]{1,3})(\$?)([0-9]{1,7})(?![A-Za-z0-9_(!])/g;

function shiftPlain(text: string, dRow: number, dCol: number): string {
  return text.replace(REF, (_, colAbs: string, col: string, rowAbs: string, row: string) => {
    const c = columnIndex(col) + (colAbs ? 0 : dCol);
    const r = rowAbs ? Number(row) : Number(row) + dRow;
    if (c < 0 || c >= COLS || r < 1 || r > ROWS) return "#REF!";
    return `${colAbs}${columnName(c)}${rowAbs}${r}`;
  });
}

export function shiftFormula(formula: string, dRow: number, dCol: number): string {
  // Split into quoted runs ("text" and 'sheet name') kept as they are, and code that shifts.
  return formula.replace(
    /("(?:[^"]|"")*"|'(?:[^']|'')*')|([^"']+)/g,
    (_, quoted: string | undefined, code: string | undefined) => quoted ?? shiftPlain(code!, dRow, dCol),
  );
}
