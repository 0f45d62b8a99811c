// Finding the table inside a sheet and naming its columns, whatever other program wrote it:
// merged cells or not, extra title rows, a table shifted right or down, a row of column
// numbers under the header, header text typed in a legacy font (TCVN3, VNI). Text is trimmed
// and folded through one TextMemo per read (each distinct string once), and merged ranges are
// walked only where they cross the header rows, so the work follows the grid's size, not what
// the ranges or strings claim.
//
// Columns are matched to the template's leaf columns in two steps. First by their folded
// header path, exactly as printed (every workbook that read before reads the same way). Then,
// for the columns still missing, by meaning: what the path says about the measure (the
// template's measure labels and short names: "Ngân sách TW", "NSTW", "Nguồn NSTW"), the period
// (a year, typed "Năm 2023" or as the number 2023; the phase total) and the money unit (in the
// header, or on a line "ĐVT: triệu đồng" above the table). A meaning is used only when exactly
// one template column and exactly one sheet column carry it. Nothing here knows a plan: the
// words come from the template and from domain/text/header-words.ts.
import type { Appendix, Template } from "../template/model";
import { type LeafColumn, leafColumns } from "../template/layout";
import { itemRows } from "../template/rows";
import { lookup } from "../template/lookup";
import { foldKey } from "../text/normalize";
import { hasPhrase, type HeaderWords, readHeaderWords, unitLine } from "../text/header-words";
import type { LegacyEncoding } from "../text/legacy";
import { TextMemo } from "../text/memo";
import { type CellValue, type Grid, cellAt } from "./model";

export interface CellAt {
  row: number;
  col: number;
}

export interface LegacyHeader {
  encoding: LegacyEncoding;
  /** The first legacy-encoded header cell, its text and what it reads as in Unicode. */
  cell: CellAt;
  text: string;
  unicode: string;
  /** Header cells typed in a legacy encoding. */
  count: number;
}

export interface TableHeader {
  /** First header row and the STT column. */
  top: number;
  left: number;
  /** First row after the header. */
  bodyStart: number;
  /** Folded header path of every column from `left` on (index 0 = column `left`). */
  paths: string[][];
  /** For each column and path segment, the cell that holds the segment's text. */
  origins: CellAt[][];
  /** Present when header cells were typed in a legacy encoding (read converted to Unicode). */
  legacy?: LegacyHeader;
}

/** `isBlank` (model.ts) through the memo: a long run of spaces is trimmed once, not once per cell. */
export function blankIn(memo: TextMemo, value: CellValue): boolean {
  return value === null || (typeof value === "string" && memo.trim(value) === "");
}

function text(memo: TextMemo, value: CellValue): string {
  return blankIn(memo, value) ? "" : String(value);
}

const NUMBER_TOKEN = "\\(?[0-9A-Za-z]{1,3}\\)?";
/** "(1)", "A", "12", and the formulas forms print under a header: "3=4+5", "(3) = (4) + (5)". */
const NUMBERING_CELL = new RegExp(`^${NUMBER_TOKEN}(?:\\s*[=+*-]\\s*${NUMBER_TOKEN}){0,8}$`);

/** A row of column numbers like "(1) (2) (3)", "A B 1 2 3" or "1 2 3=4+5" printed under a header. */
export function isNumberingRow(row: CellValue[], memo = new TextMemo()): boolean {
  let filled = 0;
  for (const v of row) {
    if (blankIn(memo, v)) continue;
    const s = typeof v === "string" ? memo.trim(v) : String(v).trim();
    if (s.length > 40 || !NUMBERING_CELL.test(s)) return false;
    filled++;
  }
  return filled >= 3;
}

/**
 * The header rows with each merged area's top-left value copied into the part of the area
 * that lies in them (columns up to `width`), so spans read as filled, and where each copied
 * value came from. A range is walked only over the header rows it crosses, whatever height it claims.
 */
function expandMerges(
  grid: Grid,
  first: number,
  end: number,
  width: number,
): { rows: CellValue[][]; from: (CellAt | undefined)[][] } {
  const rows: CellValue[][] = [];
  const from: (CellAt | undefined)[][] = [];
  for (let r = first; r < end; r++) {
    rows.push([...(grid.values[r] ?? [])]);
    from.push([]);
  }
  for (const m of grid.merges ?? []) {
    const top = Math.max(m.row, first);
    const to = Math.min(m.row + m.rows, end);
    const stop = Math.min(m.col + m.cols, width);
    if (top >= to || m.col >= stop) continue;
    const v = cellAt(grid, m.row, m.col);
    const origin = { row: m.row, col: m.col };
    for (let r = top; r < to; r++) {
      const row = rows[r - first];
      const fromRow = from[r - first];
      for (let c = m.col; c < stop; c++) {
        row[c] = v;
        fromRow[c] = origin;
      }
    }
  }
  return { rows, from };
}

/**
 * How many columns from the STT column on can belong to a table of `leaves` template columns
 * (room for notes columns and gaps). Reading by meaning and looking for a legacy font stay
 * within it, so their work follows the template, not how wide a sheet claims to be.
 */
export function tableWidth(leaves: number): number {
  return leaves * 4 + 16;
}

/** Header texts longer than this are no column header: they are not read for a meaning. */
const HEADER_TEXT_MAX = 120;

/**
 * Column paths with spans filled in. Files without merge information (CSV round trips)
 * only carry a group's text in its first column; a blank cell inherits from its left
 * neighbour while the row above it is itself inherited (i.e. we are inside the same group).
 * Legacy-encoded text is read converted to Unicode, and the first such cell is kept.
 */
function columnPaths(
  rows: CellValue[][],
  from: (CellAt | undefined)[][],
  first: number,
  left: number,
  width: number,
  scan: number,
  memo: TextMemo,
): { paths: string[][]; origins: CellAt[][]; legacy?: LegacyHeader } {
  const paths: string[][] = Array.from({ length: width }, () => []);
  const origins: CellAt[][] = Array.from({ length: width }, () => []);
  let legacy: LegacyHeader | undefined;
  // A header typed in a legacy font is typed in it throughout: the first cell the detector is
  // sure of names the encoding, and every header cell is then read in it.
  let encoding: LegacyEncoding | null = null;
  for (let r = 0; r < rows.length && !encoding; r++) {
    for (let i = 0; i < Math.min(width, scan) && !encoding; i++) {
      const own = text(memo, rows[r][left + i] ?? null);
      if (own && own.length <= HEADER_TEXT_MAX) encoding = memo.legacy(own);
    }
  }
  let above: boolean[] = new Array(width).fill(true);
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    const inherited: boolean[] = new Array(width).fill(false);
    const filled: string[] = new Array(width).fill("");
    const where: (CellAt | undefined)[] = new Array(width);
    for (let i = 0; i < width; i++) {
      const own = text(memo, row[left + i] ?? null);
      if (own) {
        filled[i] = own;
        const source = from[r][left + i];
        where[i] = source ?? { row: first + r, col: left + i };
        // Counted once per cell that holds the text (a merged area counts at its top-left).
        if (encoding && (!source || (source.row === first + r && source.col === left + i))) {
          const unicode = memo.readableAs(own, encoding);
          if (unicode !== own) {
            if (legacy) legacy.count++;
            else legacy = { encoding, cell: where[i]!, text: own, unicode, count: 1 };
          }
        }
      } else if (i > 0 && filled[i - 1] && above[i]) {
        filled[i] = filled[i - 1];
        where[i] = where[i - 1];
        inherited[i] = true;
      }
    }
    for (let i = 0; i < width; i++) {
      const key = !filled[i] ? "" : encoding ? memo.fold(memo.readableAs(filled[i], encoding)) : memo.fold(filled[i]);
      const path = paths[i];
      if (key && path[path.length - 1] !== key) {
        path.push(key);
        origins[i].push(where[i]!);
      }
    }
    above = inherited;
  }
  return { paths, origins, legacy };
}

/** The STT header, or a way of writing it ("TT", "Số TT", "Số thứ tự"). */
function isSttHeader(memo: TextMemo, folded: string, want: string): boolean {
  if (folded === want) return true;
  if (folded.length > 12 || want !== "stt") return false;
  const w = memo.headerWords(folded).words;
  return w.length === 1 && w[0] === "stt";
}

/** `scan`: the table's width bound (tableWidth), within which a legacy font is looked for. */
export function findHeader(
  grid: Grid,
  sttHeader: string,
  looksLikeBody: (row: CellValue[], left: number) => boolean,
  memo = new TextMemo(),
  scan = Infinity,
): TableHeader | null {
  const want = memo.fold(sttHeader);
  for (let r = 0; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const left = row.findIndex((v) => !blankIn(memo, v) && isSttHeader(memo, memo.fold(String(v)), want));
    if (left < 0) continue;
    let end = r + 1;
    const limit = Math.min(grid.values.length, r + 8);
    while (end < limit) {
      const next = grid.values[end] ?? [];
      if (next.every((v) => blankIn(memo, v)) || isNumberingRow(next, memo) || looksLikeBody(next, left)) break;
      end++;
    }
    let rowWidth = 0;
    for (let k = r; k < end; k++) rowWidth = Math.max(rowWidth, (grid.values[k] ?? []).length);
    const expanded = expandMerges(grid, r, end, rowWidth);
    const { paths, origins, legacy } = columnPaths(
      expanded.rows,
      expanded.from,
      r,
      left,
      Math.max(rowWidth - left, 0),
      scan,
      memo,
    );
    return { top: r, left, bodyStart: end, paths, origins, legacy };
  }
  return null;
}

/**
 * A row that repeats the header (a page-break habit): every filled cell holds text of its own
 * column's header. Such rows are skipped wherever they appear in the body.
 */
export function isHeaderRepeat(header: TableHeader, row: CellValue[], memo: TextMemo): boolean {
  let filled = 0;
  for (let c = 0; c < row.length; c++) {
    const v = row[c];
    if (blankIn(memo, v)) continue;
    const path = header.paths[c - header.left];
    const own = String(v);
    if (!path || !path.includes(memo.fold(header.legacy ? memo.readableAs(own, header.legacy.encoding) : own)))
      return false;
    filled++;
  }
  return filled > 0;
}

// ---------------------------------------------------------------------------------------------
// Meaning of header paths.

type Field = NonNullable<LeafColumn["field"]>;

interface Meaning {
  field?: Field;
  measure?: string;
  /** Path segment that states the measure. */
  measureAt?: number;
  /** A period id; "?" for a year or span the template does not have. */
  period?: string;
  /** Two measures or two periods stated: the column means nothing certain. */
  conflict: boolean;
  /** Money unit stated (đồng per unit), the segment that states it, its words. */
  unit?: number;
  unitAt?: number;
  unitText?: string;
}

/**
 * How forms head a text column, folded: "Ghi chú", "Ghi chú (nếu có)", "Đơn vị thực hiện"… A
 * template's note column is found under any of these (and under its own words followed by
 * more), so a note typed in a workbook laid out by another office is not silently dropped.
 */
const NOTE_HEADERS = ["Ghi chú", "Đơn vị thực hiện", "Đơn vị chủ trì", "Cơ quan thực hiện", "Cơ quan chủ trì"];

interface Vocabulary {
  measures: { id: string; kind: string; phrases: string[][] }[];
  byYear: Map<number, string>;
  /** The first and last of the template's years (periods that are one year). */
  firstYear: number;
  lastYear: number;
  total?: { id: string; years: number[] };
  fields: Map<string, Field>;
  /** The header words a note column may start with; empty when the appendix has none. */
  noteHeaders: string[];
  leaves: LeafColumn[];
  /** Each leaf's meaning read from the template's own header text, and its key when unique. */
  leafMeanings: Meaning[];
  leafKeys: (string | null)[];
  labels: Set<string>;
  units: Set<string>;
}

const vocabularies = new WeakMap<Appendix, { template: Template; vocab: Vocabulary }>();

function yearsOf(text: string): number[] {
  const w = readHeaderWords(foldKey(text));
  return w.range ? [w.range[0], w.range[1]] : w.years;
}

function vocabulary(template: Template, appendix: Appendix): Vocabulary {
  const cached = vocabularies.get(appendix);
  if (cached && cached.template === template) return cached.vocab;
  const leaves = leafColumns(appendix);
  const measureIds = [...new Set(leaves.filter((l) => l.measure).map((l) => l.measure!))];
  const measures = measureIds.map((id) => {
    const m = lookup(template).measure(id);
    const phrases = [id, m?.label, m?.short]
      .filter((t): t is string => !!t)
      .map((t) => readHeaderWords(foldKey(t)).words);
    return { id, kind: m?.kind ?? "count", phrases };
  });
  // "NSTW" / "NSĐP" are also written "TW" / "ĐP" after "Nguồn", "Trong đó:"…: the part after
  // "ns" names the source when no other measure shares it.
  for (const m of measures) {
    for (const p of [...m.phrases]) {
      if (p.length < 2 || p[0] !== "ns") continue;
      const rest = p.slice(1);
      const shared = measures.some((o) => o !== m && o.phrases.some((q) => hasPhrase(q, rest)));
      if (!shared) m.phrases.push(rest);
    }
  }
  const periods = template.periods;
  const byYear = new Map<number, string>();
  let total: Vocabulary["total"];
  for (const p of periods) {
    if (p.total) total = { id: p.id, years: yearsOf(p.label) };
    else {
      const ys = /^\d{4}$/.test(p.id) ? [Number(p.id)] : yearsOf(p.label);
      if (ys.length === 1) byYear.set(ys[0], p.id);
    }
  }
  const fields = new Map<string, Field>();
  for (const l of leaves)
    if (l.field) fields.set(readHeaderWords(foldKey(l.path[l.path.length - 1])).words.join(" "), l.field);
  if (leaves.some((l) => l.field === "stt")) fields.set("stt", "stt");
  if (leaves.some((l) => l.field === "unit")) fields.set("dvt", "unit");
  const note = leaves.find((l) => l.field === "note");
  const vocab: Vocabulary = {
    measures,
    byYear,
    firstYear: Math.min(...byYear.keys()),
    lastYear: Math.max(...byYear.keys()),
    total,
    fields,
    noteHeaders: note
      ? [note.path[note.path.length - 1], ...NOTE_HEADERS].map((h) => readHeaderWords(foldKey(h)).words.join(" "))
      : [],
    leaves,
    leafMeanings: [],
    leafKeys: [],
    labels: new Set(itemRows(appendix).map((r) => foldKey(r.item.label))),
    units: new Set(itemRows(appendix).flatMap((r) => (r.item.unit ? [foldKey(r.item.unit)] : []))),
  };
  const claims = claimsReader(vocab, readHeaderWords);
  vocab.leafMeanings = inherit(
    leaves.map((l) => meaningOf(l.path.map(foldKey), claims)),
    leaves.map((l) => l.path.map(foldKey)),
    total?.id,
  );
  const keys = vocab.leafMeanings.map(keyOf);
  vocab.leafKeys = keys.map((k) => (k && keys.filter((x) => x === k).length === 1 ? k : null));
  vocabularies.set(appendix, { template, vocab });
  return vocab;
}

/** What one header text states, read once per distinct text. */
interface Claims {
  measures: string[];
  periods: string[];
  unit?: number;
  unitText?: string;
  field?: Field;
}

const NO_CLAIMS: Claims = { measures: [], periods: [] };

function claimsOf(vocab: Vocabulary, w: HeaderWords): Claims {
  const measures = vocab.measures.filter((m) => m.phrases.some((p) => hasPhrase(w.words, p))).map((m) => m.id);
  const periods: string[] = [];
  if (w.range) {
    const t = vocab.total;
    // The phase as the template names it ("2021-2025"), or exactly the span of its years ("2023-2025").
    const phase = t && (t.years.length === 0 || (t.years[0] === w.range[0] && t.years[1] === w.range[1]));
    const years = vocab.byYear.size > 0 && w.range[0] === vocab.firstYear && w.range[1] === vocab.lastYear;
    periods.push(t && (phase || years) ? t.id : "?");
  }
  for (const y of w.years) periods.push(vocab.byYear.get(y) ?? "?");
  if (w.total && !w.range && w.years.length === 0 && vocab.total) periods.push(vocab.total.id);
  const key = w.words.join(" ");
  const isNote = vocab.noteHeaders.some((h) => key === h || key.startsWith(`${h} `));
  return {
    measures,
    periods,
    unit: w.unit,
    unitText: w.unitText,
    field: vocab.fields.get(key) ?? (isNote ? "note" : undefined),
  };
}

type ClaimsOf = (segment: string) => Claims;

/** A reader of claims for one read (or the template): each distinct header text is looked at once. */
function claimsReader(vocab: Vocabulary, words: (folded: string) => HeaderWords): ClaimsOf {
  const seen = new Map<string, Claims>();
  return (segment) => {
    if (segment.length > HEADER_TEXT_MAX) return NO_CLAIMS;
    let c = seen.get(segment);
    if (!c) seen.set(segment, (c = claimsOf(vocab, words(segment))));
    return c;
  };
}

function meaningOf(path: string[], claims: ClaimsOf): Meaning {
  const measures = new Set<string>();
  const periods = new Set<string>();
  const meaning: Meaning = { conflict: false };
  path.forEach((segment, at) => {
    const c = claims(segment);
    for (const m of c.measures) {
      if (!measures.has(m)) meaning.measureAt ??= at;
      measures.add(m);
    }
    for (const p of c.periods) periods.add(p);
    if (c.unit !== undefined) {
      meaning.unit = c.unit;
      meaning.unitAt = at;
      meaning.unitText = c.unitText;
    }
  });
  if (measures.size > 1 || periods.size > 1) meaning.conflict = true;
  if (measures.size === 1) meaning.measure = [...measures][0];
  if (periods.size === 1) meaning.period = [...periods][0];
  if (!measures.size && !periods.size && path.length) meaning.field = claims(path[path.length - 1]).field;
  return meaning;
}

/**
 * "Tổng số, trong đó: …": a phase-total column printed just before a group of its years names
 * its source only in that group's header ("Giai đoạn 2021-2025 | Trong đó: Ngân sách TW | Năm
 * 2023 …"). Such a column takes the measure its next column states in a header of its own.
 */
function inherit(meanings: Meaning[], paths: string[][], total?: string): Meaning[] {
  for (let k = 0; k + 1 < meanings.length; k++) {
    const m = meanings[k];
    const next = meanings[k + 1];
    if (m.conflict || m.field || m.measure || !m.period || m.period === "?" || !next.measure || next.conflict) continue;
    if (total !== undefined && m.period !== total) continue;
    if (next.period === m.period) continue;
    let common = 0;
    while (common < paths[k].length && paths[k][common] === paths[k + 1][common]) common++;
    if (next.measureAt! >= common) meanings[k] = { ...m, measure: next.measure, measureAt: next.measureAt };
  }
  return meanings;
}

function keyOf(m: Meaning): string | null {
  if (m.conflict) return null;
  if (m.field) return `field:${m.field}`;
  return m.measure && m.period && m.period !== "?" ? `${m.measure}|${m.period}` : null;
}

export type ColumnProblem =
  | { code: "COLUMN_MISSING"; leaf: LeafColumn; cell: CellAt }
  | { code: "COLUMN_AMBIGUOUS"; leaf: LeafColumn; cell: CellAt; other: CellAt }
  | { code: "MONEY_UNIT_DIFFERS"; cell: CellAt; stated: string }
  | { code: "MONEY_UNIT_MISSING"; cell: CellAt; leaf: LeafColumn };

export interface ColumnMatch {
  /** Sheet column of each template leaf (by leaf index); undefined when not found or not usable. */
  cols: (number | undefined)[];
  problems: ColumnProblem[];
}

/**
 * The template's leaf columns found in the header: first by exact folded path (in order), then
 * by meaning, then (the label and unit columns only) by what the body holds.
 */
export function matchColumns(
  template: Template,
  appendix: Appendix,
  grid: Grid,
  header: TableHeader,
  memo: TextMemo,
): ColumnMatch {
  const leaves = leafColumns(appendix);
  const { paths, left } = header;
  const cols: (number | undefined)[] = new Array(leaves.length);
  const used = new Set<number>();
  // Joined once: a header may be as wide as the sheet (16,384 columns), and every leaf looks at it.
  const joined = paths.map((p) => p.join("/"));
  for (const leaf of leaves) {
    const want = leaf.path.map(foldKey).join("/");
    const i = joined.findIndex((p, k) => !used.has(k) && p === want);
    if (i < 0) continue;
    used.add(i);
    cols[leaf.index] = left + i;
  }
  const problems: ColumnProblem[] = [];
  if (leaves.every((l) => cols[l.index] !== undefined)) return { cols, problems };

  // By meaning.
  const vocab = vocabulary(template, appendix);
  const claims = claimsReader(vocab, (folded) => memo.headerWords(folded));
  const within = paths.slice(0, tableWidth(leaves.length));
  const meanings = inherit(
    within.map((p) => meaningOf(p, claims)),
    within,
    vocab.total?.id,
  );
  // A column whose own header is its left neighbour's (the same merged or inherited cell) is a
  // continuation of that column, not a second column with its meaning.
  const lastOrigin = (i: number) => header.origins[i][header.origins[i].length - 1];
  const keys = meanings.map((m, i) => {
    const [a, b] = [lastOrigin(i), i > 0 ? lastOrigin(i - 1) : undefined];
    return a && b && a.row === b.row && a.col === b.col ? null : keyOf(m);
  });
  const byMeaning = new Set<number>();
  for (const leaf of leaves) {
    const key = vocab.leafKeys[leaf.index];
    if (cols[leaf.index] !== undefined || !key) continue;
    const found: number[] = [];
    keys.forEach((k, i) => k === key && !used.has(i) && found.push(i));
    if (found.length === 1) {
      used.add(found[0]);
      cols[leaf.index] = left + found[0];
      byMeaning.add(leaf.index);
    } else if (found.length > 1) {
      problems.push({ code: "COLUMN_AMBIGUOUS", leaf, cell: lastOrigin(found[0]), other: lastOrigin(found[1]) });
      found.forEach((i) => used.add(i));
      cols[leaf.index] = -1;
    }
  }

  // Money columns read by meaning must state the template's unit: in their header, or on a
  // line above the table.
  const unit = template.money.dongPerUnit;
  let line: { unit: number; text: string; cell: CellAt } | null | undefined;
  const reported = new Set<string>();
  let missingReported = false;
  for (const index of byMeaning) {
    const leaf = leaves[index];
    const wanted = vocab.leafMeanings[index].unit;
    const kind = vocab.measures.find((m) => m.id === leaf.measure)?.kind;
    if (wanted === undefined || kind !== "money") continue;
    const i = cols[index]! - left;
    const m = meanings[i];
    if (m.unit !== undefined) {
      if (m.unit === unit) continue;
      const cell = header.origins[i][m.unitAt!];
      const key = `${cell.row}:${cell.col}`;
      if (!reported.has(key)) problems.push({ code: "MONEY_UNIT_DIFFERS", cell, stated: m.unitText! });
      reported.add(key);
    } else {
      if (line === undefined) line = unitLineAbove(grid, header, memo, header.legacy?.encoding);
      if (line && line.unit === unit) continue;
      if (line) {
        const key = `${line.cell.row}:${line.cell.col}`;
        if (!reported.has(key)) problems.push({ code: "MONEY_UNIT_DIFFERS", cell: line.cell, stated: line.text });
        reported.add(key);
      } else if (!missingReported) {
        // Where the template states the unit (its money group), else the column's top header cell.
        const seg = Math.min(vocab.leafMeanings[index].unitAt ?? 0, header.origins[i].length - 1);
        problems.push({ code: "MONEY_UNIT_MISSING", cell: header.origins[i][seg], leaf });
        missingReported = true;
      }
    }
    cols[index] = -1;
  }

  // The label and unit columns by what the body holds: the column whose cells are the items' labels (units).
  for (const leaf of leaves) {
    if (cols[leaf.index] !== undefined || (leaf.field !== "label" && leaf.field !== "unit")) continue;
    const i = byContent(grid, header, used, leaf.field === "label" ? vocab.labels : vocab.units, memo, within.length);
    if (i !== null) {
      used.add(i);
      cols[leaf.index] = left + i;
    }
  }

  for (const leaf of leaves) {
    if (cols[leaf.index] === undefined)
      problems.push({ code: "COLUMN_MISSING", leaf, cell: whereMissing(vocab, leaf, header, meanings, used) });
    if (cols[leaf.index] === -1) cols[leaf.index] = undefined;
  }
  return { cols, problems };
}

/** The closest line above the table (or beside its header) that states the money unit ("ĐVT: triệu đồng"). */
function unitLineAbove(
  grid: Grid,
  header: TableHeader,
  memo: TextMemo,
  encoding: LegacyEncoding | undefined,
): { unit: number; text: string; cell: CellAt } | null {
  // The header rows too: "ĐVT: triệu đồng" is often typed beside the table's first header row.
  for (let r = header.bodyStart - 1; r >= 0; r--) {
    const row = grid.values[r] ?? [];
    for (let c = 0; c < row.length; c++) {
      const v = row[c];
      if (typeof v !== "string" || blankIn(memo, v) || v.length > 80) continue;
      const found = unitLine(memo.fold(memo.readableAs(v, encoding)));
      if (found) return { ...found, cell: { row: r, col: c } };
    }
  }
  return null;
}

function byContent(
  grid: Grid,
  header: TableHeader,
  used: Set<number>,
  wanted: Set<string>,
  memo: TextMemo,
  width: number,
): number | null {
  if (!wanted.size) return null;
  const counts = new Map<number, number>();
  for (let r = header.bodyStart; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    for (let c = header.left + 1; c < Math.min(row.length, header.left + width); c++) {
      const v = row[c];
      if (typeof v !== "string" || used.has(c - header.left) || blankIn(memo, v)) continue;
      if (wanted.has(memo.fold(memo.readableAs(v, header.legacy?.encoding))))
        counts.set(c - header.left, (counts.get(c - header.left) ?? 0) + 1);
    }
  }
  let best: number | null = null;
  for (const [i, n] of counts) if (best === null || n > counts.get(best)!) best = i;
  return best;
}

/**
 * Where a column that was not found should be: the sheet column that looks most like it (same
 * measure or period, same groups above), at the first header cell that differs from the
 * template's; else the column's printed place in the header.
 */
function whereMissing(
  vocab: Vocabulary,
  leaf: LeafColumn,
  header: TableHeader,
  meanings: Meaning[],
  used: Set<number>,
): CellAt {
  const want = vocab.leafMeanings[leaf.index];
  const wantPath = leaf.path.map(foldKey);
  let best = -1;
  let bestScore = 0;
  let bestDiff = 0;
  meanings.forEach((m, i) => {
    const path = header.paths[i];
    if (used.has(i) || !path.length) return;
    let score = 0;
    if (want.measure && m.measure === want.measure) score += 2;
    if (want.period && m.period === want.period) score += 2;
    if (want.field && m.field === want.field) score += 2;
    let common = 0;
    while (common < path.length && common < wantPath.length && path[common] === wantPath[common]) common++;
    score += common;
    const closer = best >= 0 && score === bestScore && Math.abs(i - leaf.index) < Math.abs(best - leaf.index);
    if (score > bestScore || closer) {
      best = i;
      bestScore = score;
      bestDiff = Math.min(common, path.length - 1);
    }
  });
  if (best >= 0) {
    const path = header.paths[best];
    const origin = header.origins[best][bestDiff];
    // The column's header stops short of the template's (a cell left empty): point below its last text.
    if (bestDiff === path.length - 1 && path.length < wantPath.length && path[bestDiff] === wantPath[bestDiff]) {
      return { row: Math.min(origin.row + 1, header.bodyStart - 1), col: header.left + best };
    }
    return origin;
  }
  const depth = Math.max(header.bodyStart - header.top, 1);
  return {
    row: header.top + Math.min(leaf.path.length - 1, depth - 1),
    col: header.left + Math.min(leaf.index, Math.max(header.paths.length - 1, 0)),
  };
}
