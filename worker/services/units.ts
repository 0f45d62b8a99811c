// Units over time (issue 17): which units are in force on a day, their parent and name that day,
// who inherits a unit that is gone, the dated transitions (rename, close, merge, split, re-parent),
// the units CSV import and the guard on reports outside a unit's life. Days are calendar days in
// Vietnam ("YYYY-MM-DD"); a unit is in force from valid_from to valid_to, both days included, and
// a transition's date is the first day of the new state. SQL lives in worker/db/unit-history.ts.
import { formatVietnamDate } from "../../domain";
import type { Principal } from "../auth/principal";
import { auditStatement } from "../db/audit";
import {
  closeUnitStatements,
  correctNameStatements,
  correctParentStatements,
  EARLY_DAY,
  lateReportStatement,
  type LateReportRow,
  newUnitStatements,
  type NameSpan,
  type ParentSpan,
  readStructure,
  renameStatements,
  reparentStatements,
  setKindStatement,
  successionStatement,
  type StructureRows,
  type SuccessionKind,
  type SuccessionRow,
  type UnitLife,
} from "../db/unit-history";
import { subtree, type UnitRow } from "../db/units";
import { type ApiError, catalogueError } from "../errors";

const DAY_MS = 86_400_000;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** The calendar day in Vietnam of an instant (an ISO string or milliseconds). */
export function vietnamDay(at: string | number = Date.now()): string {
  const t = typeof at === "number" ? at : Date.parse(at);
  return new Date(t + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The day before `day`. */
export function dayBefore(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/** The span in force on `day`; after the last span, the last; before the first, the first. */
function spanOn<T extends { valid_from: string }>(spans: T[] | undefined, day: string): T | undefined {
  if (!spans?.length) return undefined;
  let found: T | undefined;
  for (const s of spans) if (s.valid_from <= day) found = s;
  return found ?? spans[0];
}

function group<T extends { unit: string; valid_from: string }>(rows: T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const list = out.get(r.unit);
    if (list) list.push(r);
    else out.set(r.unit, [r]);
  }
  for (const list of out.values()) list.sort((a, b) => a.valid_from.localeCompare(b.valid_from));
  return out;
}

/** The structure over time, read once, asked about any day. */
export class Structure {
  readonly units: Map<string, UnitRow>;
  private readonly parents: Map<string, ParentSpan[]>;
  private readonly names: Map<string, NameSpan[]>;
  readonly successions: SuccessionRow[];

  constructor(rows: StructureRows) {
    this.units = new Map(rows.units.map((u) => [u.code, u]));
    this.parents = group(rows.parents);
    this.names = group(rows.names);
    this.successions = rows.successions;
  }

  static async read(db: D1Database): Promise<Structure> {
    return new Structure(await readStructure(db));
  }

  inForce(code: string, day: string): boolean {
    const u = this.units.get(code);
    return !!u && (!u.valid_from || u.valid_from <= day) && (!u.valid_to || u.valid_to >= day);
  }

  /** The parent on `day`; for a unit gone by then, its last parent (where its reports stay). */
  parentOn(code: string, day: string): string | null {
    const span = spanOn(this.parents.get(code), day);
    return span ? span.parent : (this.units.get(code)?.parent ?? null);
  }

  nameOn(code: string, day: string): string {
    return spanOn(this.names.get(code), day)?.name ?? this.units.get(code)?.name ?? code;
  }

  /** The units in force on `day`, each with its parent and name that day, by code. */
  unitsOn(day: string): (UnitRow & { parent: string | null })[] {
    return [...this.units.values()]
      .filter((u) => this.inForce(u.code, day))
      .map((u) => ({ ...u, name: this.nameOn(u.code, day), parent: this.parentOn(u.code, day) }));
  }

  /** `root` and every unit below it on `day` (units gone by then sit under their last parent). */
  subtreeOn(root: string, day: string): Set<string> {
    const rows = [...this.units.values()].map((u) => ({ ...u, parent: this.parentOn(u.code, day) }));
    return subtree(rows, root);
  }

  /** The day of the unit's newest recorded change (a parent or name span starting, a succession). */
  lastChange(code: string, which: "parent" | "name" | "any" = "any"): string | null {
    const days: string[] = [];
    if (which !== "name") days.push(...(this.parents.get(code) ?? []).map((s) => s.valid_from));
    if (which !== "parent") days.push(...(this.names.get(code) ?? []).map((s) => s.valid_from));
    if (which === "any") days.push(...this.successions.filter((s) => s.predecessor === code).map((s) => s.effective));
    const real = days.filter((d) => d !== EARLY_DAY).sort();
    return real.length ? real[real.length - 1] : null;
  }

  /**
   * The units in force on `day` that inherit `code`: itself while in force; else its successors by
   * merge or split (followed on); else, when it closed without one, whoever inherits its last parent.
   */
  inheritorsOn(code: string, day: string, seen = new Set<string>()): string[] {
    if (seen.has(code)) return [];
    seen.add(code);
    if (this.inForce(code, day)) return [code];
    const next = this.successions
      .filter((s) => s.predecessor === code && s.successor && s.successor !== code && s.effective <= day)
      .map((s) => s.successor!);
    if (next.length) return [...new Set(next.flatMap((s) => this.inheritorsOn(s, day, seen)))];
    const parent = this.parentOn(code, day);
    return parent ? this.inheritorsOn(parent, day, seen) : [];
  }

  /** The one unit in force on `day` whose branch inherits `code` (the successors' common parent after a split). */
  inheritorOn(code: string, day: string): string | null {
    const all = this.inheritorsOn(code, day);
    if (all.length <= 1) return all[0] ?? null;
    for (let at: string | null = all[0]; at; at = this.parentOn(at, day)) {
      const below = this.subtreeOn(at, day);
      if (all.every((u) => below.has(u))) return at;
    }
    return null;
  }

  /** Would `parent` sit below `code` on `day` once `code`'s parent is `parent`? */
  wouldCycle(code: string, parent: string | null, day: string): boolean {
    const seen = new Set<string>();
    for (let at: string | null = parent; at; at = this.parentOn(at, day)) {
      if (at === code) return true;
      if (seen.has(at)) return false;
      seen.add(at);
    }
    return false;
  }

  /** The days from `from` on when some parent changes: a new parent must make no cycle on any of them. */
  changeDaysFrom(from: string): string[] {
    const days = new Set([from]);
    for (const spans of this.parents.values()) for (const s of spans) if (s.valid_from > from) days.add(s.valid_from);
    return [...days].sort();
  }
}

/** "01/07/2025 – nay", for messages about a unit's life. */
export function lifeText(u: UnitRow): string {
  const from = u.valid_from ? formatVietnamDate(u.valid_from) : "…";
  const to = u.valid_to ? formatVietnamDate(u.valid_to) : "nay";
  return `${from} – ${to}`;
}

// ---------------------------------------------------------------------------------------------
// Transitions

export interface NewUnit {
  code: string;
  name?: string;
  kind?: string;
  parent?: string | null;
  coastal?: boolean;
}

export type Transition =
  | { kind: "rename"; unit: string; name: string; date: string; note?: string }
  | { kind: "close"; unit: string; date: string; note?: string }
  | { kind: "reparent"; unit: string; parent: string | null; date: string; note?: string }
  | { kind: "merge"; units: string[]; into: NewUnit; date: string; note?: string }
  | { kind: "split"; unit: string; into: NewUnit[]; date: string; note?: string };

export interface TransitionAnswer {
  kind: SuccessionKind;
  date: string;
  /** The succession rows recorded. */
  successions: { predecessor: string; successor: string | null; kind: SuccessionKind; effective: string }[];
  /** Units created by the transition. */
  created: string[];
}

function requireInForce(s: Structure, code: string, day: string): UnitRow {
  const u = s.units.get(code);
  if (!u) throw catalogueError(404, "UNIT_UNKNOWN", { unit: code });
  if (!s.inForce(code, day))
    throw catalogueError(422, "UNIT_NOT_IN_FORCE", { unit: code, date: formatVietnamDate(day), life: lifeText(u) });
  return u;
}

function requireAfterLastChange(s: Structure, code: string, day: string, which: "parent" | "name" | "any"): void {
  const last = s.lastChange(code, which);
  if (last && last >= day)
    throw catalogueError(422, "UNIT_CHANGE_OUT_OF_ORDER", {
      unit: code,
      last: formatVietnamDate(last),
      date: formatVietnamDate(day),
    });
  const u = s.units.get(code)!;
  if (u.valid_from && u.valid_from >= day)
    throw catalogueError(422, "UNIT_CHANGE_OUT_OF_ORDER", {
      unit: code,
      last: formatVietnamDate(u.valid_from),
      date: formatVietnamDate(day),
    });
}

function requireParent(s: Structure, code: string, parent: string | null, day: string): void {
  if (parent === null) return;
  if (!s.units.has(parent)) throw catalogueError(422, "UNIT_PARENT_UNKNOWN", { parent }, { parent });
  requireInForce(s, parent, day);
  for (const d of s.changeDaysFrom(day))
    if (s.wouldCycle(code, parent, d))
      throw catalogueError(422, "UNIT_PARENT_CYCLE", { parent, unit: code }, { parent });
}

/** A successor: an existing unit in force (code only), or a new one in force from `day`. */
function successorStatements(
  db: D1Database,
  s: Structure,
  n: NewUnit,
  day: string,
  fallbackParent: string | null,
): { statements: D1PreparedStatement[]; created: boolean } {
  const isNew = n.name !== undefined || n.kind !== undefined || n.parent !== undefined;
  if (s.units.has(n.code)) {
    if (isNew) throw catalogueError(422, "UNIT_EXISTS", { unit: n.code });
    requireInForce(s, n.code, day);
    return { statements: [], created: false };
  }
  if (n.name === undefined) throw catalogueError(404, "UNIT_UNKNOWN", { unit: n.code });
  const parent = n.parent === undefined ? fallbackParent : n.parent;
  requireParent(s, n.code, parent, day);
  const unit = { code: n.code, name: n.name, kind: n.kind ?? "đơn vị", parent, coastal: n.coastal ?? false };
  return { statements: newUnitStatements(db, unit, day, day), created: true };
}

function distinct(codes: string[]): void {
  const seen = new Set<string>();
  for (const c of codes) {
    if (seen.has(c)) throw catalogueError(422, "UNIT_SUCCESSION_INVALID", { unit: c });
    seen.add(c);
  }
}

/** Validates a transition against the structure and records it with its audit row, in one batch. */
export async function applyTransition(db: D1Database, who: Principal, t: Transition): Promise<TransitionAnswer> {
  const s = await Structure.read(db);
  const day = t.date;
  const lastDay = dayBefore(day);
  const note = t.note ?? "";
  const statements: D1PreparedStatement[] = [];
  const successions: TransitionAnswer["successions"] = [];
  const created: string[] = [];
  const record = (predecessor: string, successor: string | null) => {
    const row = { predecessor, successor, kind: t.kind, effective: day, note };
    successions.push({ predecessor, successor, kind: t.kind, effective: day });
    statements.push(successionStatement(db, row));
  };
  switch (t.kind) {
    case "rename": {
      requireInForce(s, t.unit, day);
      requireAfterLastChange(s, t.unit, day, "name");
      statements.push(...renameStatements(db, t.unit, t.name, day, lastDay));
      record(t.unit, t.unit);
      break;
    }
    case "reparent": {
      requireInForce(s, t.unit, day);
      requireAfterLastChange(s, t.unit, day, "parent");
      requireParent(s, t.unit, t.parent, day);
      statements.push(...reparentStatements(db, t.unit, t.parent, day, lastDay));
      record(t.unit, t.unit);
      break;
    }
    case "close": {
      requireInForce(s, t.unit, day);
      requireAfterLastChange(s, t.unit, day, "any");
      statements.push(...closeUnitStatements(db, t.unit, lastDay));
      record(t.unit, null);
      break;
    }
    case "merge": {
      distinct([...t.units, t.into.code]);
      for (const u of t.units) {
        requireInForce(s, u, day);
        requireAfterLastChange(s, u, day, "any");
      }
      const into = successorStatements(db, s, t.into, day, s.parentOn(t.units[0], day));
      statements.push(...into.statements);
      if (into.created) created.push(t.into.code);
      for (const u of t.units) {
        statements.push(...closeUnitStatements(db, u, lastDay));
        record(u, t.into.code);
      }
      break;
    }
    case "split": {
      distinct([t.unit, ...t.into.map((n) => n.code)]);
      requireInForce(s, t.unit, day);
      requireAfterLastChange(s, t.unit, day, "any");
      for (const n of t.into) {
        const into = successorStatements(db, s, n, day, s.parentOn(t.unit, day));
        statements.push(...into.statements);
        if (into.created) created.push(n.code);
      }
      statements.push(...closeUnitStatements(db, t.unit, lastDay));
      for (const n of t.into) record(t.unit, n.code);
      break;
    }
  }
  const target = t.kind === "merge" ? t.units.join(",") : t.unit;
  statements.push(auditStatement(db, who, `unit.${t.kind}`, target, t));
  await db.batch(statements);
  return { kind: t.kind, date: day, successions, created };
}

// ---------------------------------------------------------------------------------------------
// Reports outside a unit's life

/**
 * 403 UNIT_CLOSED / UNIT_NOT_YET_IN_FORCE when `day` is outside the unit's life and no
 * administrator allowed this template and kind until `day` or later; null when it may report.
 */
export function lifeRefusal(
  life: UnitLife | null,
  q: { template: string; kind: string },
  day = vietnamDay(),
): ApiError | null {
  if (!life) return null;
  const allowed = life.allowedUntil !== null && life.allowedUntil >= day;
  const params = { name: life.name, unit: life.code, template: q.template, kind: q.kind };
  if (life.validTo && life.validTo < day && !allowed)
    return catalogueError(403, "UNIT_CLOSED", { ...params, validTo: formatVietnamDate(life.validTo) });
  if (life.validFrom && life.validFrom > day && !allowed)
    return catalogueError(403, "UNIT_NOT_YET_IN_FORCE", { ...params, validFrom: formatVietnamDate(life.validFrom) });
  return null;
}

/** Records an administrator's exception (audited in the same batch). The template and kind are checked by the route. */
export async function allowLateReports(
  db: D1Database,
  who: Principal,
  r: { unit: string; template: string; kind: string; until: string; reason: string },
): Promise<LateReportRow> {
  const row: LateReportRow = { id: crypto.randomUUID(), ...r, createdAt: new Date().toISOString(), createdBy: who.id };
  await db.batch([lateReportStatement(db, row), auditStatement(db, who, "unit.late-reports", r.unit, r)]);
  return row;
}

// ---------------------------------------------------------------------------------------------
// The units CSV (the layout of the official list of administrative units)

export interface CsvUnit {
  line: number;
  code: string;
  name: string;
  level: string;
  parent: string | null;
}

const COLUMNS = {
  code: ["code", "mã", "ma"],
  name: ["name", "tên", "ten"],
  level: ["level", "cấp", "cap"],
  parent: ["parent code", "parent_code", "parentcode", "parent", "mã cấp trên", "ma cap tren"],
} as const;
const COLUMN_LABEL = { code: "Mã", name: "Tên", level: "Cấp", parent: "Mã cấp trên" } as const;
const CODE = /^[A-Za-z0-9._-]{1,64}$/;
/** Units one file may hold: the whole country's provinces and communes fit, and one D1 batch writes them. */
const MAX_CSV_UNITS = 5000;

function malformed(line: number, column: string, problem: string, problemEn: string): ApiError {
  return catalogueError(422, "UNITS_CSV_MALFORMED", { line, column, problem, problemEn }, { line, column });
}

/** Splits CSV text (RFC 4180 quotes) into lines of fields, with each row's line number. */
function csvRows(text: string, sep: string): { line: number; fields: string[] }[] {
  const rows: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === sep) (fields.push(field), (field = ""));
    else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      rows.push({ line: start, fields });
      ((fields = []), (field = ""), line++, (start = line));
    } else field += ch;
  }
  if (quoted) throw malformed(start, "–", "dấu ngoặc kép mở mà không đóng", "a quote is opened and never closed");
  if (field !== "" || fields.length) (fields.push(field), rows.push({ line: start, fields }));
  return rows.filter((r) => r.fields.some((f) => f.trim() !== ""));
}

const fold = (s: string) => s.normalize("NFC").trim().toLowerCase().replace(/\s+/g, " ");

/** Parses the units CSV: UTF-8 with or without BOM, comma or semicolon, English or Vietnamese headers. */
export function parseUnitsCsv(text: string): CsvUnit[] {
  const body = text.replace(/^\uFEFF/, "");
  const first = body.split(/\r?\n/, 1)[0] ?? "";
  const sep = (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ";" : ",";
  const rows = csvRows(body, sep);
  if (!rows.length) throw malformed(1, "–", "tệp trống", "the file is empty");
  const header = rows[0].fields.map(fold);
  const at = {} as Record<keyof typeof COLUMNS, number>;
  for (const [key, names] of Object.entries(COLUMNS) as [keyof typeof COLUMNS, readonly string[]][]) {
    at[key] = header.findIndex((h) => names.includes(h));
    if (at[key] < 0 && key !== "parent")
      throw malformed(
        rows[0].line,
        COLUMN_LABEL[key],
        `thiếu cột "${COLUMN_LABEL[key]}" (hoặc "${names[0]}") ở dòng tiêu đề`,
        `the header has no column "${names[0]}" (or "${COLUMN_LABEL[key]}")`,
      );
  }
  if (rows.length - 1 > MAX_CSV_UNITS)
    throw malformed(
      rows[MAX_CSV_UNITS + 1].line,
      COLUMN_LABEL.code,
      `tệp có hơn ${MAX_CSV_UNITS} đơn vị; hãy chia thành nhiều tệp`,
      `the file has more than ${MAX_CSV_UNITS} units; split it`,
    );
  const seen = new Map<string, number>();
  return rows.slice(1).map(({ line, fields }) => {
    if (fields.length !== header.length)
      throw malformed(
        line,
        COLUMN_LABEL.code,
        `dòng có ${fields.length} cột, dòng tiêu đề có ${header.length} (tên có dấu phân cách phải đặt trong ngoặc kép)`,
        `the line has ${fields.length} columns, the header ${header.length} (quote a name holding the separator)`,
      );
    const get = (key: keyof typeof COLUMNS) => (at[key] < 0 ? "" : (fields[at[key]] ?? "").normalize("NFC").trim());
    const code = get("code");
    if (!CODE.test(code))
      throw malformed(
        line,
        COLUMN_LABEL.code,
        code ? `mã "${code.slice(0, 40)}" chỉ được có chữ không dấu, số, dấu chấm, gạch ngang, gạch dưới` : "mã trống",
        code
          ? `code "${code.slice(0, 40)}" may hold unaccented letters, digits, dots, dashes, underscores only`
          : "no code",
      );
    if (seen.has(code))
      throw malformed(
        line,
        COLUMN_LABEL.code,
        `mã "${code}" đã có ở dòng ${seen.get(code)}`,
        `code "${code}" is already on line ${seen.get(code)}`,
      );
    seen.set(code, line);
    const name = get("name");
    if (!name || name.length > 200)
      throw malformed(
        line,
        COLUMN_LABEL.name,
        "tên trống hoặc dài quá 200 ký tự",
        "the name is empty or over 200 characters",
      );
    const level = get("level");
    if (!level || level.length > 50)
      throw malformed(
        line,
        COLUMN_LABEL.level,
        "cấp trống hoặc dài quá 50 ký tự",
        "the level is empty or over 50 characters",
      );
    const parent = get("parent") || null;
    if (parent !== null && !CODE.test(parent))
      throw malformed(
        line,
        COLUMN_LABEL.parent,
        `mã cấp trên "${parent.slice(0, 40)}" không hợp lệ`,
        "not a valid code",
      );
    if (parent === code)
      throw malformed(
        line,
        COLUMN_LABEL.parent,
        "đơn vị không thể là cấp trên của chính nó",
        "a unit cannot be its own parent",
      );
    return { line, code, name, level: level.toLowerCase(), parent };
  });
}

export interface ImportPlan {
  date: string;
  dryRun: boolean;
  added: { code: string; name: string; level: string; parent: string | null }[];
  renamed: { code: string; from: string; to: string }[];
  reparented: { code: string; from: string | null; to: string | null }[];
  relevelled: { code: string; from: string; to: string }[];
  unchanged: string[];
}

/**
 * What the file would change on `date` (the units as they are that day): new codes are added (in
 * force since always, or from `date` when it was given), other names and parents change from
 * `date` as dated renames and re-parentings. Every problem is refused before anything is written.
 */
export function planImport(s: Structure, rows: CsvUnit[], date: string): ImportPlan {
  const plan: ImportPlan = {
    date,
    dryRun: true,
    added: [],
    renamed: [],
    reparented: [],
    relevelled: [],
    unchanged: [],
  };
  const inFile = new Map(rows.map((r) => [r.code, r]));
  for (const r of rows) {
    if (r.parent && !inFile.has(r.parent) && !s.units.has(r.parent))
      throw malformed(
        r.line,
        COLUMN_LABEL.parent,
        `không có đơn vị mã "${r.parent}" trong tệp hay trong danh mục`,
        `no unit "${r.parent}" in the file or the list`,
      );
  }
  // Parents as they will be on `date`: a cycle through the file's rows is refused on the line that closes it.
  const parentAfter = (code: string) => inFile.get(code)?.parent ?? s.parentOn(code, date);
  for (const r of rows) {
    const seen = new Set<string>();
    for (let at: string | null = r.parent; at; at = parentAfter(at)) {
      if (at === r.code)
        throw malformed(
          r.line,
          COLUMN_LABEL.parent,
          `"${r.parent}" nằm dưới "${r.code}", không thể làm cấp trên của nó`,
          `"${r.parent}" sits below "${r.code}" and cannot be its parent`,
        );
      if (seen.has(at)) break;
      seen.add(at);
    }
  }
  for (const r of rows) {
    const u = s.units.get(r.code);
    if (!u) {
      plan.added.push({ code: r.code, name: r.name, level: r.level, parent: r.parent });
      continue;
    }
    if (!s.inForce(r.code, date))
      throw malformed(
        r.line,
        COLUMN_LABEL.code,
        `đơn vị "${r.code}" không có hiệu lực ngày ${formatVietnamDate(date)} (${lifeText(u)})`,
        `unit "${r.code}" is not in force on ${date}`,
      );
    let same = true;
    const name = s.nameOn(r.code, date);
    const parent = s.parentOn(r.code, date);
    if (name !== r.name) ((same = false), plan.renamed.push({ code: r.code, from: name, to: r.name }));
    if (parent !== r.parent) ((same = false), plan.reparented.push({ code: r.code, from: parent, to: r.parent }));
    if (u.kind !== r.level) ((same = false), plan.relevelled.push({ code: r.code, from: u.kind, to: r.level }));
    if (same) plan.unchanged.push(r.code);
    const last = same ? null : s.lastChange(r.code, "any");
    if (last && last > date)
      throw malformed(
        r.line,
        COLUMN_LABEL.code,
        `đơn vị "${r.code}" đã có thay đổi từ ngày ${formatVietnamDate(last)}, sau ngày nhập ${formatVietnamDate(date)}`,
        `unit "${r.code}" already changed on ${last}, after the import date ${date}`,
      );
  }
  return plan;
}

/** Writes an import plan in one batch, one audit row per change. */
export async function applyImport(db: D1Database, who: Principal, s: Structure, plan: ImportPlan, dated: boolean) {
  const day = plan.date;
  const statements: D1PreparedStatement[] = [];
  const from = dated ? day : null;
  // Parents first need their rows: add units in an order where each parent comes before its children.
  const pending = new Map(plan.added.map((a) => [a.code, a]));
  const order: ImportPlan["added"] = [];
  const visit = (code: string) => {
    const a = pending.get(code);
    if (!a) return;
    pending.delete(code);
    if (a.parent) visit(a.parent);
    order.push(a);
  };
  for (const a of plan.added) visit(a.code);
  for (const a of order) {
    const unit = { code: a.code, name: a.name, kind: a.level, parent: a.parent, coastal: false };
    statements.push(...newUnitStatements(db, unit, from, from ?? EARLY_DAY));
    statements.push(auditStatement(db, who, "unit.import.add", a.code, a));
  }
  const lastDay = dayBefore(day);
  // A change on the very day a span starts corrects that span (a unit changed twice the same day would collide).
  for (const r of plan.renamed) {
    statements.push(
      ...(s.lastChange(r.code, "name") === day
        ? correctNameStatements(db, r.code, r.to, day)
        : renameStatements(db, r.code, r.to, day, lastDay)),
    );
    statements.push(
      successionStatement(db, {
        predecessor: r.code,
        successor: r.code,
        kind: "rename",
        effective: day,
        note: "import",
      }),
    );
    statements.push(auditStatement(db, who, "unit.import.rename", r.code, r));
  }
  for (const r of plan.reparented) {
    statements.push(
      ...(s.lastChange(r.code, "parent") === day
        ? correctParentStatements(db, r.code, r.to, day)
        : reparentStatements(db, r.code, r.to, day, lastDay)),
    );
    statements.push(
      successionStatement(db, {
        predecessor: r.code,
        successor: r.code,
        kind: "reparent",
        effective: day,
        note: "import",
      }),
    );
    statements.push(auditStatement(db, who, "unit.import.reparent", r.code, r));
  }
  for (const r of plan.relevelled) {
    statements.push(setKindStatement(db, r.code, r.to));
    statements.push(auditStatement(db, who, "unit.import.level", r.code, r));
  }
  if (statements.length) await db.batch(statements);
}

/** Dry run or import of a units CSV. */
export async function importUnits(
  db: D1Database,
  who: Principal,
  text: string,
  opts: { dryRun: boolean; date?: string },
): Promise<ImportPlan> {
  const rows = parseUnitsCsv(text);
  const s = await Structure.read(db);
  const date = opts.date ?? vietnamDay();
  const plan = planImport(s, rows, date);
  if (!opts.dryRun) await applyImport(db, who, s, plan, opts.date !== undefined);
  return { ...plan, dryRun: opts.dryRun };
}
