// Which number cells are shown as a date, a time or a percent: xl/styles.xml gives every cell
// style (<cellXfs><xf numFmtId>) a number format, built in (ids below 164) or written out in
// <numFmts>. Only the kind matters here, not how the number is drawn: a figure cell that
// shows "06/07/2023" holds 45113, and nobody meant 45.113 triệu đồng.
import type { NumberFormatKind } from "../../domain/grid/model";
import { parseXml } from "./xml";

/** Excel's built-in formats that are not plain numbers (ECMA-376 §18.8.30, East Asian ids too). */
const BUILTIN: Record<number, NumberFormatKind> = { 9: "percent", 10: "percent", 22: "datetime" };
for (const id of [14, 15, 16, 17, 27, 28, 29, 30, 31, 36, 50, 51, 52, 53, 54, 57, 58]) BUILTIN[id] = "date";
for (const id of [18, 19, 20, 21, 32, 33, 34, 35, 45, 46, 47, 55, 56]) BUILTIN[id] = "time";

/**
 * The kind of a format code, from its first section (the one positive numbers use): d, y or a
 * month "m" make a date; h, s, AM/PM or an elapsed [h]/[mm]/[ss] a time; "m" next to h or s is
 * minutes; "%" a percent. Text in quotes, escaped characters (\x), padding (_x), fill (*x) and
 * [brackets] (colours, conditions, locales) are not format letters. "General", "#,##0.000" or
 * `#,##0 "đồng"` are plain numbers.
 */
export function formatCodeKind(code: string): NumberFormatKind | null {
  let date = false;
  let time = false;
  let month = false;
  let percent = false;
  for (let i = 0; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      const close = code.indexOf('"', i + 1);
      if (close < 0) break;
      i = close;
    } else if (c === "\\" || c === "_" || c === "*") {
      i++;
    } else if (c === "[") {
      const close = code.indexOf("]", i + 1);
      if (close < 0) break;
      if (/^(?:h+|m+|s+)$/i.test(code.slice(i + 1, close))) time = true;
      i = close;
    } else if (c === ";") {
      break;
    } else if (c === "%") {
      percent = true;
    } else {
      const lower = c.toLowerCase();
      if (lower === "d" || lower === "y") date = true;
      else if (lower === "h" || lower === "s") time = true;
      else if (lower === "m") month = true;
      else if (lower === "a" && /^(?:am\/pm|a\/p)/i.test(code.slice(i, i + 5))) time = true;
    }
  }
  if (month && !time) date = true;
  if (date) return time ? "datetime" : "date";
  if (time) return "time";
  return percent ? "percent" : null;
}

/**
 * xl/styles.xml → the kind of each cell style, by its index in <cellXfs> (a cell's `s`), or null
 * when no style shows numbers as anything but numbers (the common case: nothing to look up).
 */
export function parseStyleKinds(xml: string): (NumberFormatKind | null)[] | null {
  const custom = new Map<number, NumberFormatKind | null>();
  const kinds: (NumberFormatKind | null)[] = [];
  let inNumFmts = false;
  let inCellXfs = false;
  let any = false;
  parseXml(xml, {
    open(name, a) {
      if (name === "numFmts") inNumFmts = true;
      else if (name === "cellXfs") inCellXfs = true;
      else if (name === "numFmt" && inNumFmts && a.numFmtId !== undefined)
        custom.set(Number(a.numFmtId), formatCodeKind(a.formatCode ?? ""));
      else if (name === "xf" && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const kind = custom.has(id) ? custom.get(id)! : (BUILTIN[id] ?? null);
        if (kind) any = true;
        kinds.push(kind);
      }
    },
    close(name) {
      if (name === "numFmts") inNumFmts = false;
      else if (name === "cellXfs") inCellXfs = false;
    },
  });
  return any ? kinds : null;
}
