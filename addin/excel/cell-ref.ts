// Cell references as Excel reads them. Issues carry "PL01!H8" (the public contract); Excel needs
// the sheet quoted wherever its name could be read as a reference or holds other characters:
// PL01 is itself a cell (column PL, row 1), so Excel takes 'PL01'!H8 and refuses PL01!H8.

export interface CellRef {
  sheet: string;
  address: string;
}

export function parseCellRef(ref: string): CellRef | null {
  const m = /^(?:'((?:[^']|'')+)'|([^!']+))!\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(ref.trim());
  if (!m) return null;
  const sheet = m[1] !== undefined ? m[1].replace(/''/g, "'") : m[2];
  return { sheet, address: `${m[3].toUpperCase()}${m[4]}` };
}

const MAX_COLUMN = 16384; // XFD
const MAX_ROW = 1048576;

/** Whether Excel would read the bare name as something else (an A1 or R1C1 reference) or choke on it. */
export function needsQuotes(sheet: string): boolean {
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(sheet)) return true;
  const a1 = /^([A-Za-z]{1,3})(\d+)$/.exec(sheet);
  if (a1) {
    let col = 0;
    for (const ch of a1[1].toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
    const row = Number(a1[2]);
    if (col <= MAX_COLUMN && row >= 1 && row <= MAX_ROW) return true;
  }
  return /^(R\d*)?(C\d*)?$/i.test(sheet);
}

export function quoteSheet(sheet: string): string {
  return needsQuotes(sheet) ? `'${sheet.replace(/'/g, "''")}'` : sheet;
}

/** "PL01", "H8" → "'PL01'!H8": the form Excel accepts. */
export function cellRef(sheet: string, address: string): string {
  return `${quoteSheet(sheet)}!${address}`;
}

/** One spelling per cell for comparisons ("pl01!H8"). */
export function cellKey(sheet: string, address: string): string {
  return `${sheet.toLowerCase()}!${address.toUpperCase()}`;
}

const MAX_SHEET_NAME = 31;
/** Excel reserves "History" (shared-workbook change history) and refuses it as a sheet name. */
const RESERVED = ["history"];
const COMBINING = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/;

/** The first `max` UTF-16 units of `text`, cut back so no letter loses its accent or half a pair. */
export function cutAtLetter(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = max;
  while (end > 0 && (COMBINING.test(text.charAt(end)) || /[\ud800-\udbff]/.test(text.charAt(end - 1)))) end--;
  return text.slice(0, end);
}

/**
 * A valid sheet name not yet taken (Excel compares names case-insensitively). Microsoft Support,
 * "Rename a worksheet": at most 31 characters, none of / \ ? * : [ ], not beginning or ending
 * with an apostrophe, not "History".
 */
export function uniqueSheetName(wanted: string, taken: Iterable<string>): string {
  const used = new Set(Array.from(taken, (n) => n.toLowerCase()));
  let clean =
    wanted
      .normalize("NFC")
      .replace(/[:\\/?*[\]]/g, "-")
      .replace(/^'+|'+$/g, "")
      .trim() || "Sheet";
  if (RESERVED.includes(clean.toLowerCase())) clean = `${clean} (1)`;
  const base = cutAtLetter(clean, MAX_SHEET_NAME).replace(/'+$/, "");
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` ${n}`;
    const name = cutAtLetter(clean, MAX_SHEET_NAME - suffix.length).replace(/'+$/, "") + suffix;
    if (!used.has(name.toLowerCase())) return name;
  }
}
