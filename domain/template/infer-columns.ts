// The header of a printed table read back into a column tree bound to measures and periods:
// "Số lượng" / "Ngân sách TW" / "NSĐP" name the measure, "Năm 2026" or a span of years ("Giai
// đoạn 2026-2030") the period, "Tổng số" beside NSTW and NSĐP of one period the computed sum,
// and STT, "Nội dung", "Đơn vị tính", "Ghi chú" the text columns. The words come from
// domain/text/header-words.ts; nothing here knows a plan.
import { type CellAt, findHeader, type TableHeader } from "../grid/header";
import { cellAt, type Grid } from "../grid/model";
import { readHeaderWords, unitLine } from "../text/header-words";
import { foldKey } from "../text/normalize";
import { TextMemo } from "../text/memo";
import type { ColumnNode } from "./model";

/** The measures a printed table can name, by meaning. */
export const QUANTITY = "quantity";
export const NSTW = "NSTW";
export const NSDP = "NSDP";
/** The computed "Tổng số" = NSTW + NSĐP. */
export const TONG = "TONG";
/** Money with no source named ("Kinh phí" split by year only). */
export const MONEY = "KP";
export const TOTAL_PERIOD = "total";

export interface Undecided {
  cell: CellAt;
  message: string;
}

export interface InferredColumn {
  /** Sheet column. */
  col: number;
  field?: "stt" | "label" | "unit" | "note";
  measure?: string;
  period?: string;
  /** The header cells from the top group down (sheet positions) and their texts as printed. */
  cells: CellAt[];
  texts: string[];
}

export interface InferredHeader {
  header: TableHeader;
  columns: InferredColumn[];
  tree: ColumnNode[];
  /** Years named by the columns, and the span a phase-total column names ("2021-2025"). */
  years: number[];
  range?: [number, number];
  /** Money unit stated in the header or on a line above it. */
  unit?: { unit: number; text: string; cell: CellAt };
  undecided: Undecided[];
}

/** No printed form is wider than this: the columns after it are not read (the work stays bounded). */
const MAX_COLUMNS = 256;

const STT_VALUE = /^(?:[IVXLC]+|[A-Z]|\d+(?:\.\d+)*|[a-zđ]|[-–+•*])[.)]?$/;

/** A row whose first cell (at the STT column) reads like an STT ("I", "1.", "a)", "-", "1.1"). */
export function looksLikeSttRow(row: (string | number | boolean | null)[], left: number): boolean {
  const v = row[left];
  if (typeof v === "number") return Number.isInteger(v) && v > 0;
  return typeof v === "string" && STT_VALUE.test(v.trim());
}

interface Reading {
  years: number[];
  range?: [number, number];
  /** A "giai đoạn"/"cả giai đoạn" without years: the phase. */
  phase: boolean;
  /** "Tổng số" with no period words of its own. */
  tong: boolean;
  measures: string[];
  money: boolean;
  unit?: number;
  unitText?: string;
  words: string[];
}

function read(folded: string): Reading {
  const w = readHeaderWords(folded);
  const has = (x: string) => w.words.includes(x);
  const measures: string[] = [];
  if (has("sl")) measures.push(QUANTITY);
  if (has("tw")) measures.push(NSTW);
  if (has("dp")) measures.push(NSDP);
  const periodWords = w.years.length > 0 || !!w.range || has("gd");
  return {
    years: w.years,
    range: w.range,
    phase: has("gd") && !w.years.length && !w.range,
    tong: has("tong") && !periodWords,
    measures,
    money: w.unit !== undefined || has("kp") || has("von") || has("tien") || has("ns"),
    unit: w.unit,
    unitText: w.unitText,
    words: w.words,
  };
}

/**
 * Reads the header of one printed table. Null when the sheet has no header row with an STT
 * column (no table the system could read).
 */
export function inferHeader(grid: Grid, memo = new TextMemo()): InferredHeader | null {
  const header = findHeader(grid, "STT", looksLikeSttRow, memo);
  if (!header) return null;
  const undecided: Undecided[] = [];
  const textAt = (c: CellAt) => {
    const raw = String(cellAt(grid, c.row, c.col) ?? "").trim();
    return header.legacy ? memo.readableAs(raw, header.legacy.encoding) : raw;
  };
  const columns: InferredColumn[] = [];
  const readings: Reading[][] = [];
  const width = Math.min(header.paths.length, MAX_COLUMNS);
  if (header.paths.length > MAX_COLUMNS && header.paths.slice(MAX_COLUMNS).some((p) => p.length))
    undecided.push({
      cell: { row: header.top, col: header.left + MAX_COLUMNS },
      message: `Bảng rộng hơn ${MAX_COLUMNS} cột: chỉ đọc ${MAX_COLUMNS} cột đầu.`,
    });
  header.paths.slice(0, width).forEach((path, i) => {
    if (!path.length) return;
    const cells = header.origins[i];
    // A column under its left neighbour's own header cell (merged across, or a blank inheriting
    // its text) continues that column: no column of its own.
    const mine = cells[cells.length - 1];
    const left = header.origins[i - 1]?.[header.origins[i - 1].length - 1];
    if (left && left.row === mine.row && left.col === mine.col) return;
    columns.push({ col: header.left + i, cells, texts: cells.map(textAt) });
    readings.push(path.map(read));
  });

  // What each column states on its own.
  const years = new Set<number>();
  let range: [number, number] | undefined;
  const own = columns.map((_col, k) => {
    const rs = readings[k];
    const measures = new Set(rs.flatMap((r) => r.measures));
    const periods = new Set<string>();
    for (const r of rs) {
      for (const y of r.years) periods.add(String(y));
      if (r.range || r.phase) periods.add(TOTAL_PERIOD);
      if (r.range) range ??= r.range;
    }
    const tongAt = rs.findIndex((r) => r.tong);
    const money = rs.some((r) => r.money) || measures.has(NSTW) || measures.has(NSDP);
    return { measures, periods, tong: tongAt >= 0, money };
  });

  // Fields: columns that name no measure, period, money or total.
  let label = false;
  columns.forEach((col, k) => {
    const o = own[k];
    if (o.measures.size || o.periods.size || o.tong || o.money) return;
    const last = readings[k][readings[k].length - 1].words;
    const at = col.cells[col.cells.length - 1];
    if (last.length === 1 && last[0] === "stt") col.field = "stt";
    else if ((last.includes("ghi") && last.includes("chu")) || (last[0] === "dvt" && last.length > 1))
      col.field = "note";
    else if (last.length === 1 && last[0] === "dvt") col.field = "unit";
    else if (!label) {
      col.field = "label";
      label = true;
    } else {
      col.field = "note";
      undecided.push({
        cell: at,
        message: `Cột "${col.texts.join(" / ")}" được coi là cột ghi chú (văn bản), hãy kiểm tra.`,
      });
    }
  });

  // Measures and periods.
  columns.forEach((col, k) => {
    if (col.field) return;
    const o = own[k];
    const at = col.cells[col.cells.length - 1];
    if (o.measures.size > 1 || o.periods.size > 1) {
      undecided.push({
        cell: at,
        message: `Tiêu đề cột "${col.texts.join(" / ")}" ghi nhiều ${o.measures.size > 1 ? "chỉ tiêu" : "kỳ"}: chưa gắn được cột này.`,
      });
    }
    if (o.measures.size === 1) col.measure = [...o.measures][0];
    if (o.periods.size >= 1) col.period = [...o.periods][0];
    for (const p of o.periods) if (p !== TOTAL_PERIOD) years.add(Number(p));
  });

  // "Tổng số" beside (or above) NSTW and NSĐP of the same period, under the same group: the computed sum.
  const prefix = (k: number, n: number) =>
    readings[k]
      .slice(0, n)
      .map((r) => r.words.join(" "))
      .join("/");
  columns.forEach((col, k) => {
    if (col.field || col.measure || !own[k].tong) return;
    const depth = readings[k].length - 1;
    if (col.period) {
      const mine = prefix(k, depth);
      const siblings = columns.filter(
        (c, j) => j !== k && c.period === col.period && prefix(j, depth) === mine && !c.field,
      );
      const ms = new Set(siblings.map((c) => c.measure));
      if (ms.has(NSTW) && ms.has(NSDP)) col.measure = TONG;
    } else {
      // "Tổng số" with no period of its own, before a group of years: the phase total.
      col.period = TOTAL_PERIOD;
    }
  });

  // "Giai đoạn 2021-2025 | Trong đó: Ngân sách TW | Năm 2023…": a period column with no measure takes
  // the measure its next column states in a group of its own.
  columns.forEach((col, k) => {
    const next = columns[k + 1];
    if (col.field || col.measure || !col.period || !next || next.field || !next.measure) return;
    if (next.period === col.period) return;
    let common = 0;
    while (common < readings[k].length && prefix(k, common + 1) === prefix(k + 1, common + 1)) common++;
    const stated = readings[k + 1].findIndex((r) => r.measures.includes(next.measure!));
    if (stated >= common) col.measure = next.measure;
  });

  columns.forEach((col, k) => {
    if (col.field) return;
    const at = col.cells[col.cells.length - 1];
    const name = col.texts.join(" / ");
    if (!col.measure) {
      col.measure = own[k].money ? MONEY : QUANTITY;
      if (!own[k].money || columns.some((c) => c.measure === NSTW || c.measure === NSDP))
        undecided.push({
          cell: at,
          message: `Không rõ cột "${name}" là chỉ tiêu nào; đã tạm gán "${col.measure}", hãy chọn lại.`,
        });
    }
    if (!col.period) {
      col.period = TOTAL_PERIOD;
      undecided.push({
        cell: at,
        message: `Cột "${name}" không ghi năm hay giai đoạn; đã tạm coi là cả giai đoạn, hãy chọn lại.`,
      });
    }
  });

  // The money unit: in a money column's header, else on a line above the table ("ĐVT: triệu đồng").
  let unit: InferredHeader["unit"];
  columns.forEach((col, k) => {
    readings[k].forEach((r, s) => {
      if (r.unit === undefined) return;
      if (!unit) unit = { unit: r.unit, text: r.unitText!, cell: col.cells[s] };
      else if (unit.unit !== r.unit)
        undecided.push({
          cell: col.cells[s],
          message: `Đơn vị tiền "${r.unitText}" khác "${unit.text}" ở ô trước: cả bảng phải cùng một đơn vị.`,
        });
    });
  });
  if (!unit) {
    for (let r = header.bodyStart - 1; r >= 0 && !unit; r--) {
      const row = grid.values[r] ?? [];
      for (let c = 0; c < row.length && !unit; c++) {
        const v = row[c];
        if (typeof v !== "string" || v.length > 80) continue;
        const found = unitLine(foldKey(v));
        if (found) unit = { ...found, cell: { row: r, col: c } };
      }
    }
  }

  return { header, columns, tree: buildTree(columns), years: [...years].sort(), range, unit, undecided };
}

/** The column tree: columns under one header cell (the same merged or inherited cell) form one group. */
function buildTree(columns: InferredColumn[]): ColumnNode[] {
  const top: ColumnNode[] = [];
  const keys = new WeakMap<ColumnNode, string>();
  for (const col of columns) {
    let level = top;
    col.cells.forEach((cell, s) => {
      const key = `${cell.row}:${cell.col}`;
      const leaf = s === col.cells.length - 1;
      const last = level[level.length - 1];
      if (!leaf && last && keys.get(last) === key && last.children) {
        level = last.children;
        return;
      }
      const node: ColumnNode = { header: col.texts[s] };
      keys.set(node, key);
      level.push(node);
      if (leaf) {
        if (col.field) node.field = col.field;
        else {
          node.measure = col.measure;
          node.period = col.period;
        }
      } else {
        node.children = [];
        level = node.children;
      }
    });
  }
  return top;
}
