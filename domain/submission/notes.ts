// Notes: the free text of an appendix's "note" column ("Ghi chú", "Đơn vị thực hiện"), one per
// item. They are read from the grid or from JSON `notes`, cleaned the same way whatever carried
// them, and kept in the canonical submission as `notes: { appendix: { item: text } }`. They are
// text only: never summed, never part of a figure or a total.
import { sheetCell } from "../grid/address";
import type { IssueCode } from "../rules/catalogue";
import type { Location } from "../rules/issue";
import { excerpt } from "../text/memo";
import { findAppendix, headerDepth, type LeafColumn, leafColumns, PRINTED_HEADER_TOP } from "../template/layout";
import type { Appendix, NoteTree, Template } from "../template/model";
import { itemIds } from "../template/rows";
import { type EntrySource, TOTAL_ROW } from "./model";

/** Longest note kept (in characters, after cleaning): a remark, not a document. */
export const NOTE_MAX = 500;

/** One note as read, before cleaning: its item and the cell it sits in (or would, on the printed sheet). */
export interface NoteEntry {
  appendix: string;
  item: string;
  raw: unknown;
  cell: string | null;
  source: EntrySource;
}

type Params = Record<string, string | number>;

/** Where note issues go: an IssueCollector, or a reader's sink. */
export interface NoteIssues {
  add(code: IssueCode, at: Location, params?: Params | (() => Params)): void;
}

/** The appendix's note column, or undefined when it prints none. */
export function noteColumn(appendix: Appendix): LeafColumn | undefined {
  return leafColumns(appendix).find((l) => l.field === "note");
}

/** Where an item's note sits on the printed sheet (0-based), or null (no note column, no such item). */
export function notePosition(appendix: Appendix, item: string): { row: number; col: number } | null {
  const column = noteColumn(appendix);
  const index = itemIds(appendix).indexOf(item);
  if (!column || index < 0) return null;
  return { row: PRINTED_HEADER_TOP + headerDepth(appendix) + index, col: column.index };
}

// Control characters other than tab and line breaks (which are spacing) are dropped.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/**
 * A note as kept: Unicode NFC (the same words give the same bytes, typed on any machine),
 * line breaks kept as "\n", every other run of spacing one space, each line trimmed, blank
 * lines at either end dropped and more than one blank line in a row made one.
 */
export function cleanNote(text: string): string {
  return text
    .normalize("NFC")
    .replace(CONTROL, "")
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .split("\n")
    .map((line) => line.replace(/[^\S\n]+/g, " ").trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/** A note's length as a person counts it: characters, not UTF-16 units. */
function noteLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

/**
 * JSON `notes` (appendix → item → text) → note entries, each placed on the printed sheet.
 * Unknown appendices and items get the codes figures get; a note for an appendix that prints
 * no note column (or for its "Tổng cộng" row) is NOTE_NOT_APPLICABLE; anything but text (or
 * null, read as no note) is NOTE_NOT_TEXT.
 */
export function notesFromJson(template: Template, notes: unknown, issues: NoteIssues): NoteEntry[] {
  const out: NoteEntry[] = [];
  if (notes === undefined || notes === null) return out;
  if (!isRecord(notes)) {
    issues.add("NOTE_NOT_TEXT", {}, () => ({ value: excerpt(JSON.stringify(notes) ?? "") }));
    return out;
  }
  for (const appendixId of Object.keys(notes)) {
    const items = notes[appendixId];
    const appendix = findAppendix(template, appendixId);
    if (!appendix) {
      issues.add("APPENDIX_UNKNOWN", { appendix: appendixId });
      continue;
    }
    if (!noteColumn(appendix)) {
      issues.add("NOTE_NOT_APPLICABLE", { appendix: appendixId });
      continue;
    }
    if (!isRecord(items)) {
      issues.add("NOTE_NOT_TEXT", { appendix: appendixId }, () => ({ value: excerpt(JSON.stringify(items) ?? "") }));
      continue;
    }
    const known = new Set(itemIds(appendix));
    for (const itemId of Object.keys(items)) {
      const raw = items[itemId];
      const at = { appendix: appendixId, item: itemId };
      if (itemId === TOTAL_ROW) {
        issues.add("NOTE_NOT_APPLICABLE", at);
        continue;
      }
      if (!known.has(itemId)) {
        issues.add("ITEM_UNKNOWN", at, { text: itemId, value: itemId });
        continue;
      }
      const pos = notePosition(appendix, itemId);
      const cell = pos ? sheetCell(appendixId, pos.row, pos.col) : null;
      if (raw === null) continue;
      if (typeof raw !== "string") {
        issues.add("NOTE_NOT_TEXT", { ...at, cell }, () => ({ value: excerpt(JSON.stringify(raw) ?? "") }));
        continue;
      }
      out.push({ ...at, raw, cell, source: "json" });
    }
  }
  return out;
}

/**
 * Note entries (from a grid or JSON) → the notes kept: cleaned, empty ones left out, a note
 * longer than NOTE_MAX refused at its cell (NOTE_TOO_LONG).
 */
export function checkNotes(entries: NoteEntry[], issues: NoteIssues): NoteTree {
  const tree: NoteTree = {};
  for (const e of entries) {
    if (e.raw === null || e.raw === undefined) continue;
    const text = cleanNote(typeof e.raw === "string" ? e.raw : String(e.raw));
    if (!text) continue;
    const length = noteLength(text);
    if (length > NOTE_MAX) {
      issues.add("NOTE_TOO_LONG", { appendix: e.appendix, item: e.item, cell: e.cell }, { length, max: NOTE_MAX });
      continue;
    }
    (tree[e.appendix] ??= {})[e.item] = text;
  }
  return tree;
}

/**
 * The notes as the canonical submission carries them: only the template's appendices and items
 * with a note column, only non-empty notes, in the template's order; undefined when there are
 * none, so a submission without notes keeps the bytes (and SHA-256) it always had.
 */
export function canonicalNotes(template: Template, notes: NoteTree | undefined): NoteTree | undefined {
  if (!notes) return undefined;
  const out: NoteTree = {};
  for (const appendix of template.appendices) {
    const given = notes[appendix.id];
    if (!given || !noteColumn(appendix)) continue;
    const kept: Record<string, string> = {};
    for (const id of itemIds(appendix)) if (typeof given[id] === "string" && given[id] !== "") kept[id] = given[id];
    if (Object.keys(kept).length) out[appendix.id] = kept;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Stored notes as written by canonicalNotes, or {} when the snapshot has none (or they are not notes). */
export function storedNotes(value: unknown): NoteTree {
  if (!isRecord(value)) return {};
  const out: NoteTree = {};
  for (const [a, items] of Object.entries(value)) {
    if (!isRecord(items)) continue;
    for (const [i, text] of Object.entries(items)) if (typeof text === "string") (out[a] ??= {})[i] = text;
  }
  return out;
}

/** The note of one item, or undefined. */
export function noteOf(notes: NoteTree | undefined, appendix: string, item: string): string | undefined {
  return notes?.[appendix]?.[item];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
