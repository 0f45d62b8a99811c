// A grid in the printed layout → entries, finding rows by STT and label and columns by
// header text. Everything positional comes from the template. Cell text goes through one
// TextMemo per read (each distinct string trimmed, folded and checked once), and text quoted
// in an issue is an excerpt, so the work and the report follow the grid, not its strings.
import type { Appendix, Item } from "../template/model";
import { leafColumns } from "../template/layout";
import { foldKey, sttKey } from "../text/normalize";
import { excerpt, TextMemo } from "../text/memo";
import type { IssueCode } from "../rules/catalogue";
import { type Issue, issue, type Location } from "../rules/issue";
import { type Entry, TOTAL } from "../submission/model";
import { sheetCell } from "./address";
import { blankIn, findHeader, isNumberingRow } from "./header";
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
  return { add: (code, at, params) => void into.push(issue(code, at, typeof params === "function" ? params() : params)) };
}

interface ColumnMatch {
  col: number;
  measure?: string;
  period?: string;
}

function matchColumns(appendix: Appendix, paths: string[][], left: number, sheet: string, top: number, issues: IssueSink) {
  const used = new Set<number>();
  const found = new Map<string, number>();
  const data: ColumnMatch[] = [];
  // Joined once: a header may be as wide as the sheet (16,384 columns), and every leaf looks at it.
  const joined = paths.map((p) => p.join("/"));
  for (const leaf of leafColumns(appendix)) {
    const want = leaf.path.map(foldKey).join("/");
    const i = joined.findIndex((p, k) => !used.has(k) && p === want);
    if (i < 0) {
      issues.add("COLUMN_MISSING", { appendix: appendix.id, cell: sheetCell(sheet, top, left) }, { column: leaf.path.join(" / ") });
      continue;
    }
    used.add(i);
    if (leaf.field) found.set(leaf.field, left + i);
    else data.push({ col: left + i, measure: leaf.measure, period: leaf.period });
  }
  return { found, data };
}

/**
 * `memo` is the read's text memo (readWorkbook shares one between sheets); `sink` receives the
 * issues instead of the returned array (which is then empty).
 */
export function readAppendixGrid(appendix: Appendix, grid: Grid, memo = new TextMemo(), sink?: IssueSink): { entries: Entry[]; issues: Issue[] } {
  const collected: Issue[] = [];
  const issues = sink ?? arraySink(collected);
  const sheet = grid.sheet;
  const at = (row: number, col: number) => sheetCell(sheet, row, col);
  const labels = new Map(appendix.items.map((it) => [foldKey(it.label), it] as const));
  const labelKeys = new Map(appendix.items.map((it) => [it.id, foldKey(it.label)] as const));
  const byStt = new Map(appendix.items.map((it) => [sttKey(it.id), it] as const));
  const totalLabel = foldKey(appendix.totalRow.label);
  const isBlank = (v: CellValue) => blankIn(memo, v);
  const cellText = (v: CellValue) => (isBlank(v) ? "" : typeof v === "string" ? memo.trim(v) : String(v).trim());
  const isLabel = (v: CellValue) => !isBlank(v) && (labels.has(memo.fold(String(v))) || memo.fold(String(v)) === totalLabel);
  const sttLeaf = leafColumns(appendix).find((l) => l.field === "stt");

  const header = findHeader(
    grid,
    sttLeaf?.path[sttLeaf.path.length - 1] ?? "STT",
    (row, left) => /^\d{1,3}\.?$/.test(cellText(row[left] ?? null)) || row.some(isLabel),
    memo,
  );
  if (!header) {
    issues.add("HEADER_NOT_FOUND", { appendix: appendix.id, cell: at(0, 0) });
    return { entries: [], issues: collected };
  }

  const { found, data } = matchColumns(appendix, header.paths, header.left, sheet, header.top, issues);
  const sttCol = found.get("stt") ?? header.left;
  const labelCol = found.get("label");
  if (labelCol === undefined) return { entries: [], issues: collected };

  const entries: Entry[] = [];
  const seen = new Map<string, string>();
  for (let r = header.bodyStart; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    if (row.every(isBlank) || isNumberingRow(row, memo)) continue;
    const stt = cellText(cellAt(grid, r, sttCol));
    const label = cellText(cellAt(grid, r, labelCol));

    const labelKey = label ? memo.fold(label) : "";
    let item: Item | undefined = stt ? byStt.get(memo.stt(stt)) : undefined;
    let isTotal = !item && (labelKey === totalLabel || (stt !== "" && memo.fold(stt) === totalLabel));
    if (!isTotal) item ??= labels.get(labelKey);
    const place = { appendix: appendix.id, cell: at(r, stt ? sttCol : labelCol) };
    // A legacy-encoded label without STT after every item ("Tæng céng") can only be the total
    // row: read it as such, so its figures are still checked, and say why it did not match.
    const legacy = !item && !isTotal && label ? memo.legacy(label) : null;
    if (legacy && !stt && seen.size === appendix.items.length) isTotal = true;
    const legacyIssue = () =>
      legacy && issues.add("LEGACY_ENCODING", { appendix: appendix.id, item: isTotal ? TOTAL : null, cell: at(r, labelCol) }, () => ({ text: excerpt(label), encoding: legacy }));

    if (!item && !isTotal) {
      // A heading or note without STT or figures is not data; anything else is an unknown row.
      if (/^\d/.test(stt) || data.some((d) => !isBlank(cellAt(grid, r, d.col)))) {
        issues.add("ITEM_UNKNOWN", place, () => ({ text: [stt, label].filter(Boolean).map((t) => excerpt(t)).join(" ") }));
        legacyIssue();
      }
      continue;
    }
    legacyIssue();
    const id = isTotal ? TOTAL : item!.id;
    const first = seen.get(id);
    if (first) {
      issues.add("ITEM_DUPLICATE", { ...place, item: id }, () => ({ label: item?.label ?? excerpt(label), first }));
      continue;
    }
    seen.set(id, place.cell);
    if (item && label && labelKey !== labelKeys.get(item.id)) {
      const encoding = memo.legacy(label);
      if (encoding) issues.add("LEGACY_ENCODING", { ...place, item: id, cell: at(r, labelCol) }, () => ({ text: excerpt(label), encoding }));
      else issues.add("LABEL_MISMATCH", { ...place, item: id, cell: at(r, labelCol) }, () => ({ text: excerpt(label), label: item!.label }));
    }
    for (const d of data) {
      // Blank cells become entries too: computed totals then still know their cell.
      const raw = isBlank(cellAt(grid, r, d.col)) ? null : cellAt(grid, r, d.col);
      entries.push({ appendix: appendix.id, item: id, measure: d.measure!, period: d.period!, raw, cell: at(r, d.col), source: "grid" });
    }
    if (isTotal) break;
  }
  for (const it of appendix.items) {
    if (!seen.has(it.id)) issues.add("ITEM_MISSING", { appendix: appendix.id, item: it.id, cell: at(header.bodyStart, sttCol) }, { label: it.label });
  }
  return { entries, issues: collected };
}
