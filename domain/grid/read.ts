// A grid in the printed layout → entries, finding rows by STT and label and columns by
// header text. Everything positional comes from the template.
import type { Appendix, Item } from "../template/model";
import { leafColumns } from "../template/layout";
import { foldKey, sttKey } from "../text/normalize";
import { detectLegacyEncoding } from "../text/legacy";
import { type Issue, issue } from "../rules/issue";
import { type Entry, TOTAL } from "../submission/model";
import { sheetCell } from "./address";
import { findHeader, isNumberingRow } from "./header";
import { type CellValue, type Grid, cellAt, isBlank } from "./model";

interface ColumnMatch {
  col: number;
  measure?: string;
  period?: string;
}

function matchColumns(appendix: Appendix, paths: string[][], left: number, sheet: string, top: number) {
  const used = new Set<number>();
  const found = new Map<string, number>();
  const data: ColumnMatch[] = [];
  const issues: Issue[] = [];
  for (const leaf of leafColumns(appendix)) {
    const want = leaf.path.map(foldKey).join("/");
    const i = paths.findIndex((p, k) => !used.has(k) && p.join("/") === want);
    if (i < 0) {
      issues.push(issue("COLUMN_MISSING", { appendix: appendix.id, cell: sheetCell(sheet, top, left) }, { column: leaf.path.join(" / ") }));
      continue;
    }
    used.add(i);
    if (leaf.field) found.set(leaf.field, left + i);
    else data.push({ col: left + i, measure: leaf.measure, period: leaf.period });
  }
  return { found, data, issues };
}

function cellText(value: CellValue): string {
  return isBlank(value) ? "" : String(value).trim();
}

export function readAppendixGrid(appendix: Appendix, grid: Grid): { entries: Entry[]; issues: Issue[] } {
  const sheet = grid.sheet;
  const at = (row: number, col: number) => sheetCell(sheet, row, col);
  const labels = new Map(appendix.items.map((it) => [foldKey(it.label), it] as const));
  const byStt = new Map(appendix.items.map((it) => [sttKey(it.id), it] as const));
  const totalLabel = foldKey(appendix.totalRow.label);
  const isLabel = (v: CellValue) => !isBlank(v) && (labels.has(foldKey(String(v))) || foldKey(String(v)) === totalLabel);
  const sttLeaf = leafColumns(appendix).find((l) => l.field === "stt");

  const header = findHeader(grid, sttLeaf?.path[sttLeaf.path.length - 1] ?? "STT", (row, left) =>
    /^\d{1,3}\.?$/.test(cellText(row[left] ?? null)) || row.some(isLabel),
  );
  if (!header) return { entries: [], issues: [issue("HEADER_NOT_FOUND", { appendix: appendix.id, cell: at(0, 0) })] };

  const { found, data, issues } = matchColumns(appendix, header.paths, header.left, sheet, header.top);
  const sttCol = found.get("stt") ?? header.left;
  const labelCol = found.get("label");
  if (labelCol === undefined) return { entries: [], issues };

  const entries: Entry[] = [];
  const seen = new Map<string, string>();
  for (let r = header.bodyStart; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    if (row.every(isBlank) || isNumberingRow(row)) continue;
    const stt = cellText(cellAt(grid, r, sttCol));
    const label = cellText(cellAt(grid, r, labelCol));
    const hasFigures = data.some((d) => !isBlank(cellAt(grid, r, d.col)));

    let item: Item | undefined = stt ? byStt.get(sttKey(stt)) : undefined;
    let isTotal = !item && (foldKey(label) === totalLabel || foldKey(stt) === totalLabel);
    if (!isTotal) item ??= labels.get(foldKey(label));
    const place = { appendix: appendix.id, cell: at(r, stt ? sttCol : labelCol) };
    // A legacy-encoded label without STT after every item ("Tæng céng") can only be the total
    // row: read it as such, so its figures are still checked, and say why it did not match.
    const legacy = !item && !isTotal && label ? detectLegacyEncoding(label) : null;
    if (legacy && !stt && seen.size === appendix.items.length) isTotal = true;
    const legacyIssue = () =>
      legacy && issues.push(issue("LEGACY_ENCODING", { appendix: appendix.id, item: isTotal ? TOTAL : null, cell: at(r, labelCol) }, { text: label, encoding: legacy }));

    if (!item && !isTotal) {
      // A heading or note without STT or figures is not data; anything else is an unknown row.
      if (/^\d/.test(stt) || hasFigures) {
        issues.push(issue("ITEM_UNKNOWN", place, { text: [stt, label].filter(Boolean).join(" ") }));
        legacyIssue();
      }
      continue;
    }
    legacyIssue();
    const id = isTotal ? TOTAL : item!.id;
    const first = seen.get(id);
    if (first) {
      issues.push(issue("ITEM_DUPLICATE", { ...place, item: id }, { label: item?.label ?? label, first }));
      continue;
    }
    seen.set(id, place.cell);
    if (item && label && foldKey(label) !== foldKey(item.label)) {
      const encoding = detectLegacyEncoding(label);
      issues.push(
        encoding
          ? issue("LEGACY_ENCODING", { ...place, item: id, cell: at(r, labelCol) }, { text: label, encoding })
          : issue("LABEL_MISMATCH", { ...place, item: id, cell: at(r, labelCol) }, { text: label, label: item.label }),
      );
    }
    for (const d of data) {
      // Blank cells become entries too: computed totals then still know their cell.
      const raw = isBlank(cellAt(grid, r, d.col)) ? null : cellAt(grid, r, d.col);
      entries.push({ appendix: appendix.id, item: id, measure: d.measure!, period: d.period!, raw, cell: at(r, d.col), source: "grid" });
    }
    if (isTotal) break;
  }
  for (const it of appendix.items) {
    if (!seen.has(it.id)) issues.push(issue("ITEM_MISSING", { appendix: appendix.id, item: it.id, cell: at(header.bodyStart, sttCol) }, { label: it.label }));
  }
  return { entries, issues };
}
