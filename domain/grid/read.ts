// A grid in the printed layout → entries, finding rows by STT and label and columns by
// header text. Everything positional comes from the template. Cell text goes through one
// TextMemo per read (each distinct string trimmed, folded and checked once), and text quoted
// in an issue is an excerpt, so the work and the report follow the grid, not its strings.
import type { Appendix, Item, Template } from "../template/model";
import { leafColumns } from "../template/layout";
import { type ItemRow, itemRows } from "../template/rows";
import { foldKey, sttKey } from "../text/normalize";
import { excerpt, TextMemo } from "../text/memo";
import { hasAnyToken, spellingTokens } from "../text/header-words";
import type { IssueCode } from "../rules/catalogue";
import { type Issue, issue, type Location } from "../rules/issue";
import { type Entry, TOTAL_ROW } from "../submission/model";
import type { NoteEntry } from "../submission/notes";
import { sheetCell } from "./address";
import {
  blankIn,
  type CellAt,
  type ColumnProblem,
  findHeader,
  isHeaderRepeat,
  isNumberingRow,
  matchColumns,
  type TableHeader,
  tableWidth,
} from "./header";
import { type CellValue, type Grid, cellAt } from "./model";

type Params = Record<string, string | number>;

/**
 * Where a reading's issues go. By default into the array it returns; a caller may pass a sink
 * that lists only the first ones and counts the rest (e.g. the report's IssueCollector): params
 * given as a function are then built only for issues that are listed.
 */
export interface IssueSink {
  add(code: IssueCode, at: Location, params?: Params | (() => Params)): void;
}

/** A sink that builds every issue into `into`. */
export function arraySink(into: Issue[]): IssueSink {
  return {
    add: (code, at, params) => void into.push(issue(code, at, typeof params === "function" ? params() : params)),
  };
}

/** Who signs under most forms, besides the template's own signers: the table ends at them. */
const COMMON_SIGNERS = ["Người lập biểu", "Thủ trưởng đơn vị", "Kế toán trưởng"];
/**
 * The date line of a signature block, folded: "Sóc Trăng, ngày … tháng … năm …" or "…, ngày 30
 * tháng 11 năm 2026" — the three words next to each other with only numbers between, at the end,
 * so an item label that merely uses the words ("ngày hội", "chiến thắng", "miền Nam") is no line.
 */
const DATE_LINE = /(^| )ngay( \d{1,2})? thang( \d{1,2})? nam( \d{4})?$/;

/** The folded signer titles an appendix may print under its table (template, appendix, common ones). */
function signerKeys(template: Template, appendix: Appendix): Set<string> {
  const signers = [template.print, appendix.print].flatMap((p) => p?.signature?.signers ?? []);
  return new Set([...COMMON_SIGNERS, ...signers.map((s) => s.title)].map(foldKey));
}

/** A figure cell holding only a dash ("-", "–", "—", "−"): the accounting way of writing nothing. */
const DASH = /^[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]$/;

function reportColumnProblem(
  p: ColumnProblem,
  appendix: Appendix,
  sheet: string,
  issues: IssueSink,
  unit: string,
): void {
  const cell = (c: CellAt) => sheetCell(sheet, c.row, c.col);
  const where = { appendix: appendix.id, cell: cell(p.cell) };
  if (p.code === "COLUMN_MISSING") issues.add("COLUMN_MISSING", where, { column: p.leaf.path.join(" / ") });
  else if (p.code === "COLUMN_AMBIGUOUS")
    issues.add("COLUMN_AMBIGUOUS", where, { column: p.leaf.path.join(" / "), other: cell(p.other) });
  else if (p.code === "MONEY_UNIT_DIFFERS") issues.add("MONEY_UNIT_DIFFERS", where, { stated: p.stated, unit });
  else issues.add("MONEY_UNIT_MISSING", where, { column: p.leaf.path.join(" / "), unit });
}

function reportLegacyHeader(header: TableHeader, appendix: Appendix, sheet: string, issues: IssueSink): void {
  const legacy = header.legacy;
  if (!legacy) return;
  issues.add(
    "LEGACY_HEADER",
    { appendix: appendix.id, cell: sheetCell(sheet, legacy.cell.row, legacy.cell.col) },
    () => ({
      encoding: legacy.encoding,
      // The names Unikey's converter gives the two encodings.
      source: legacy.encoding === "TCVN3" ? "TCVN3 (ABC)" : "VNI Windows",
      text: excerpt(legacy.text),
      unicode: excerpt(legacy.unicode),
      count: legacy.count,
    }),
  );
}

/**
 * `memo` is the read's text memo (readWorkbook shares one between sheets); `sink` receives the
 * issues instead of the returned array (which is then empty). `template` gives the header words
 * of the measures and periods and the money unit, for reading headers by meaning.
 */
export function readAppendixGrid(
  template: Template,
  appendix: Appendix,
  grid: Grid,
  memo = new TextMemo(),
  sink?: IssueSink,
): { entries: Entry[]; issues: Issue[]; notes: NoteEntry[] } {
  const collected: Issue[] = [];
  const issues = sink ?? arraySink(collected);
  const sheet = grid.sheet;
  const at = (row: number, col: number) => sheetCell(sheet, row, col);
  // Rows are found by STT or label. A nested form repeats both ("1." under I and under II): of the
  // rows a key names, the first one after the last row read is taken, so a printed order is followed.
  const rows = itemRows(appendix);
  const position = new Map(rows.map((r, k) => [r.item.id, k] as const));
  const labels = indexBy(rows, (r) => [foldKey(r.item.label)]);
  const labelKeys = new Map(rows.map((r) => [r.item.id, foldKey(r.item.label)] as const));
  const byStt = indexBy(rows, (r) => [...new Set([sttKey(r.item.stt), sttKey(r.item.id)])]);
  let last = -1;
  const pick = (found: Item[] | undefined): Item | undefined => {
    if (!found) return undefined;
    const after = found.find((it) => position.get(it.id)! > last && !seen.has(it.id));
    return after ?? found.find((it) => !seen.has(it.id)) ?? found[0];
  };
  const totalLabel = foldKey(appendix.totalRow.label);
  // "Tổng cộng" is also written "Tổng số", "Tổng" or "Cộng": the same words once abbreviations are spelled one way.
  const totalWords = memo.headerWords(totalLabel).words.join(" ");
  const totalTokens = spellingTokens(totalWords.split(" "));
  const isTotalText = (folded: string) =>
    folded === totalLabel ||
    (folded.length <= 24 &&
      ((folded === "cong" && totalWords === "tong") ||
        (hasAnyToken(folded, totalTokens) && memo.headerWords(folded).words.join(" ") === totalWords)));
  const isBlank = (v: CellValue) => blankIn(memo, v);
  const cellText = (v: CellValue) => (isBlank(v) ? "" : typeof v === "string" ? memo.trim(v) : String(v).trim());
  // Where the header ends: a row holding an item's label or the total's own words (a header may say "Tổng số").
  const isLabel = (v: CellValue) =>
    !isBlank(v) && (labels.has(memo.foldReadable(String(v))) || memo.foldReadable(String(v)) === totalLabel);
  const leaves = leafColumns(appendix);
  const sttLeaf = leaves.find((l) => l.field === "stt");

  const header = findHeader(
    grid,
    sttLeaf?.path[sttLeaf.path.length - 1] ?? "STT",
    (row, left) =>
      /^\d{1,3}\.?$/.test(cellText(row[left] ?? null)) ||
      row.some(isLabel) ||
      [row[left], row[left + 1]].some((v) => typeof v === "string" && !isBlank(v) && isTotalText(memo.foldReadable(v))),
    memo,
    tableWidth(leaves.length),
  );
  if (!header) {
    issues.add("HEADER_NOT_FOUND", { appendix: appendix.id, cell: at(0, 0) });
    return { entries: [], issues: collected, notes: [] };
  }

  const { cols, problems } = matchColumns(template, appendix, grid, header, memo);
  reportLegacyHeader(header, appendix, sheet, issues);
  // Notes are optional: a sheet without the note column is read without notes, not refused.
  for (const p of problems)
    if (!("leaf" in p && p.leaf.field === "note")) reportColumnProblem(p, appendix, sheet, issues, template.money.unit);
  const fieldCol = (field: string) => {
    const leaf = leaves.find((l) => l.field === field);
    return leaf ? cols[leaf.index] : undefined;
  };
  const sttCol = fieldCol("stt") ?? header.left;
  const labelCol = fieldCol("label");
  if (labelCol === undefined) return { entries: [], issues: collected, notes: [] };
  const noteCol = fieldCol("note");
  const data = leaves.flatMap((l) =>
    l.measure && l.period && cols[l.index] !== undefined
      ? [{ col: cols[l.index]!, measure: l.measure, period: l.period }]
      : [],
  );

  // The signature block under the table (date line, signer titles) ends it, "Tổng cộng" or not.
  const signers = signerKeys(template, appendix);
  const isSignature = (v: CellValue) =>
    typeof v === "string" && !isBlank(v) && (signers.has(memo.fold(v)) || DATE_LINE.test(memo.fold(v)));

  const entries: Entry[] = [];
  const notes: NoteEntry[] = [];
  const seen = new Map<string, string>();
  let items = 0;
  let totalFirst = false;
  let dashes = 0;
  let firstDash: string | null = null;
  for (let r = header.bodyStart; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    if (row.every(isBlank) || isNumberingRow(row, memo)) continue;
    const stt = cellText(cellAt(grid, r, sttCol));
    const label = cellText(cellAt(grid, r, labelCol));
    // A row with an STT is an item, whatever its words ("Kỷ niệm ngày 2 tháng 9 năm 2025").
    if (stt === "" && row.some(isSignature)) break;

    // Labels typed in a legacy font are compared as the person reads them (converted to Unicode).
    // On a sheet whose header is in a legacy font, a label is read in it too unless it reads as is.
    const plainKey = label ? memo.fold(label) : "";
    const known = labels.has(plainKey) || plainKey === totalLabel;
    const readable = label && !known ? memo.readableAs(label, header.legacy?.encoding) : label;
    const labelKey = readable === label ? plainKey : memo.fold(readable);
    const legacy = !label ? null : (memo.legacy(label) ?? (readable !== label ? header.legacy!.encoding : null));
    let item: Item | undefined = stt ? pick(byStt.get(memo.stt(stt))) : undefined;
    // Of rows sharing an STT, the one whose label is also this row's ("a)" under two groups).
    if (item && label && byStt.get(memo.stt(stt))!.length > 1) {
      const same = byStt.get(memo.stt(stt))!.filter((it) => labelKeys.get(it.id) === labelKey);
      item = pick(same.length ? same : undefined) ?? item;
    }
    let isTotal = !item && ((labelKey !== "" && isTotalText(labelKey)) || (stt !== "" && isTotalText(memo.fold(stt))));
    if (!isTotal) item ??= pick(labels.get(labelKey));
    const place = { appendix: appendix.id, cell: at(r, stt ? sttCol : labelCol) };
    // A legacy-encoded label without STT after every item that still reads as no item can only
    // be the total row: read it as such, so its figures are still checked.
    if (legacy && !item && !isTotal && !stt && items === rows.length) isTotal = true;
    // One warning per row in a legacy font, unless the header's warning already covers the sheet.
    const legacyIssue = (covered: boolean) =>
      legacy &&
      !(covered && header.legacy) &&
      issues.add(
        "LEGACY_ENCODING",
        { appendix: appendix.id, item: isTotal ? TOTAL_ROW : (item?.id ?? null), cell: at(r, labelCol) },
        () => ({ text: excerpt(label), encoding: legacy }),
      );

    if (!item && !isTotal) {
      // A header repeated in the body (a page-break habit) is skipped.
      if (isHeaderRepeat(header, row, memo)) continue;
      // A heading or note without STT or figures is not data; anything else is an unknown row.
      if (/^\d/.test(stt) || data.some((d) => !isBlank(cellAt(grid, r, d.col)))) {
        issues.add("ITEM_UNKNOWN", place, () => ({ text: rowText(row, stt, label) }));
        legacyIssue(false);
      }
      continue;
    }
    const id = isTotal ? TOTAL_ROW : item!.id;
    const first = seen.get(id);
    if (first) {
      // "Tổng cộng" printed above the items and again below them: the table ends there.
      if (isTotal && totalFirst) break;
      issues.add("ITEM_DUPLICATE", { ...place, item: id }, () => ({ label: item?.label ?? excerpt(label), first }));
      continue;
    }
    seen.set(id, place.cell);
    if (item && label && labelKey !== labelKeys.get(item.id)) {
      if (legacy && !header.legacy) legacyIssue(false);
      else
        issues.add("LABEL_MISMATCH", { ...place, item: id, cell: at(r, labelCol) }, () => ({
          text: excerpt(readable),
          label: item!.label,
        }));
    } else {
      legacyIssue(true);
    }
    for (const d of data) {
      // Blank cells become entries too: computed totals then still know their cell.
      let raw = isBlank(cellAt(grid, r, d.col)) ? null : cellAt(grid, r, d.col);
      if (typeof raw === "string" && DASH.test(memo.trim(raw))) {
        dashes++;
        firstDash ??= at(r, d.col);
        raw = null;
      }
      entries.push({
        appendix: appendix.id,
        item: id,
        measure: d.measure,
        period: d.period,
        raw,
        cell: at(r, d.col),
        source: "grid",
      });
    }
    // An item's note (the total row has none): its text as typed, cleaned and checked by checkNotes.
    if (!isTotal && noteCol !== undefined && !isBlank(cellAt(grid, r, noteCol)))
      notes.push({
        appendix: appendix.id,
        item: id,
        raw: cellAt(grid, r, noteCol),
        cell: at(r, noteCol),
        source: "grid",
      });
    if (isTotal) {
      // "Tổng cộng" ends the table, unless it is printed above the items (then they follow it).
      if (items > 0) break;
      totalFirst = true;
    } else {
      items++;
      last = position.get(item!.id)!;
      if (totalFirst && items === rows.length) break;
    }
  }
  if (firstDash) issues.add("DASH_AS_EMPTY", { appendix: appendix.id, cell: firstDash }, { count: dashes });
  for (const { item: it } of rows) {
    if (!seen.has(it.id))
      issues.add(
        "ITEM_MISSING",
        { appendix: appendix.id, item: it.id, cell: at(header.bodyStart, sttCol) },
        { label: it.label },
      );
  }
  return { entries, issues: collected, notes };
}

/** Rows by each of their keys, in printed order. */
function indexBy(rows: ItemRow[], keys: (r: ItemRow) => string[]): Map<string, Item[]> {
  const map = new Map<string, Item[]>();
  for (const r of rows) for (const k of keys(r)) (map.get(k) ?? map.set(k, []).get(k)!).push(r.item);
  return map;
}

/** What an unknown row says: its STT and label, else its first filled cells (never an empty quote). */
function rowText(row: CellValue[], stt: string, label: string): string {
  const own = [stt, label].filter(Boolean);
  if (own.length) return own.map((t) => excerpt(t)).join(" ");
  const filled: string[] = [];
  for (const v of row) {
    if (v === null || (typeof v === "string" && !v.trim())) continue;
    filled.push(excerpt(String(v), 40));
    if (filled.length === 3) break;
  }
  return filled.join(" | ");
}
