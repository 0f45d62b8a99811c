// A template proposed from the appendix tables as printed (issue 16): the header tree becomes
// columns bound to measures and periods (infer-columns.ts), the rows items nested by their STT
// pattern (I, II… / 1, 2… / a, b… / "-" / "1.1"), the lines above the header the heading and
// title, the block under the table the signature. What it cannot decide is listed with its cell
// for the administrator to settle; the result is a proposal to review, never stored as it is.
import { sheetCell } from "../grid/address";
import { type CellValue, type Grid, isBlank } from "../grid/model";
import { isNumberingRow } from "../grid/header";
import { readHeaderWords } from "../text/header-words";
import { foldKey } from "../text/normalize";
import { TextMemo } from "../text/memo";
import {
  inferHeader,
  type InferredHeader,
  MONEY,
  NSDP,
  NSTW,
  QUANTITY,
  TONG,
  TOTAL_PERIOD,
  type Undecided,
} from "./infer-columns";
import type { Appendix, Item, Measure, PrintSettings, Signer, Template } from "./model";

export interface InferOptions {
  id?: string;
  name?: string;
  version?: number;
}

export interface InferResult {
  template: Template;
  undecided: { cell: string; message: string }[];
}

const MEASURES: Record<string, Omit<Measure, "numberFormat">> = {
  [QUANTITY]: { id: QUANTITY, kind: "count", label: "Số lượng" },
  [NSTW]: { id: NSTW, kind: "money", label: "Ngân sách Trung ương", short: "NSTW" },
  [NSDP]: { id: NSDP, kind: "money", label: "Ngân sách địa phương", short: "NSĐP" },
  [TONG]: { id: TONG, kind: "money", label: "Tổng số", sumOf: [NSTW, NSDP] },
  [MONEY]: { id: MONEY, kind: "money", label: "Kinh phí" },
};
const MEASURE_ORDER = [QUANTITY, NSTW, NSDP, TONG, MONEY];

/** The measures a proposal may bind a column to, in their usual order. */
export const INFERRED_MEASURES = MEASURE_ORDER;

/** One of INFERRED_MEASURES as a template measure (money shown with `decimals` places). */
export function inferredMeasure(id: string, decimals: number): Measure | undefined {
  const base = MEASURES[id];
  if (!base) return undefined;
  const numberFormat = base.kind === "count" || decimals === 0 ? "#,##0" : `#,##0.${"#".repeat(decimals)}`;
  return { ...base, ...(base.sumOf ? { sumOf: [...base.sumOf] } : {}), numberFormat };
}

const DEFAULT_KINDS = [
  { id: "plan", label: "Kế hoạch", en: "Plan" },
  { id: "execution", label: "Thực hiện", en: "Execution" },
];

const text = (v: CellValue): string => (isBlank(v) ? "" : String(v).trim());

// ---------------------------------------------------------------------------------------------
// Rows.

type SttKind = "roman" | "upper" | "arabic" | "letter" | "dash" | `dotted${number}`;

const ROMAN = /^[IVXLC]+$/;

/** The kind of an STT and its code ("I.", "1)", "a)", "-", "1.2" → "I", "1", "a", "-", "1.2"). */
function sttKind(stt: string): { kind: SttKind; code: string } | null {
  const s = stt.replace(/[.)]$/, "").trim();
  if (/^[-–+•*]$/.test(s)) return { kind: "dash", code: "-" };
  if (/^\d+$/.test(s)) return { kind: "arabic", code: String(Number(s)) };
  if (/^\d+(\.\d+)+$/.test(s)) return { kind: `dotted${s.split(".").length}`, code: s };
  if (ROMAN.test(s)) return { kind: "roman", code: s };
  if (/^[A-Z]$/.test(s)) return { kind: "upper", code: s };
  if (/^[a-zđ]$/.test(s)) return { kind: "letter", code: s === "đ" ? "dd" : s };
  return null;
}

interface RowItem {
  item: Item;
  row: number;
  kind: SttKind | "none";
}

interface Body {
  items: Item[];
  rows: RowItem[];
  total?: { label: string; row: number };
  /** First row after the table. */
  end: number;
}

function readBody(grid: Grid, h: InferredHeader, undecided: Undecided[], memo: TextMemo): Body {
  const colOf = (f: string) => h.columns.find((c) => c.field === f)?.col;
  const stt = colOf("stt") ?? h.header.left;
  const label = colOf("label");
  const unit = colOf("unit");
  const first = h.header.left;
  const last = h.columns.length ? h.columns[h.columns.length - 1].col : first;
  const items: Item[] = [];
  const rows: RowItem[] = [];
  const stack: { kind: SttKind | "none"; item: Item; dash: number }[] = [];
  const ids = new Set<string>();
  let total: Body["total"];
  let topDash = 0;
  let r = h.header.bodyStart;
  for (; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const cells = row.slice(first, last + 1);
    if (cells.every(isBlank)) {
      if (rows.length || total) break;
      continue;
    }
    if (isNumberingRow(cells, memo)) continue;
    const sttText = text(row[stt] ?? null);
    const labelText = label === undefined ? "" : text(row[label] ?? null);
    if (!sttText) {
      const words = readHeaderWords(foldKey(labelText)).words;
      if (labelText && labelText.length <= 40 && words.includes("tong")) {
        if (total)
          undecided.push({ cell: { row: r, col: label! }, message: "Có hai dòng tổng cộng; chỉ dùng dòng đầu." });
        else total = { label: labelText, row: r };
        continue;
      }
      if (!labelText) continue;
    }
    const read = sttText ? sttKind(sttText) : null;
    if (sttText && !read)
      undecided.push({
        cell: { row: r, col: stt },
        message: `Không nhận ra cấp của số thứ tự "${sttText}"; đã đặt dòng này ở cấp ngoài cùng.`,
      });
    if (!sttText)
      undecided.push({
        cell: { row: r, col: stt },
        message: `Dòng "${labelText}" không có số thứ tự; đã coi là một mục, hãy kiểm tra.`,
      });
    const kind: SttKind | "none" = read?.kind ?? "none";
    const at = stack.findIndex((s) => s.kind === kind);
    if (at >= 0) stack.length = at;
    else if (kind === "none") stack.length = 0;
    const parent = stack[stack.length - 1];
    let code = read?.code ?? String(r + 1);
    if (kind === "dash") code = String(parent ? ++parent.dash : ++topDash);
    if (read && kind.startsWith("dotted") && parent) {
      const parts = code.split(".");
      const head = parts.slice(0, -1).join(".");
      if (parent.item.id === head || parent.item.id.endsWith(`.${head}`)) code = parts[parts.length - 1];
    }
    let id = parent ? `${parent.item.id}.${code}` : code;
    if (ids.has(id)) {
      let n = 2;
      while (ids.has(`${id}_${n}`)) n++;
      undecided.push({
        cell: { row: r, col: stt },
        message: `Mã mục "${id}" trùng với một dòng trước; đã đặt "${id}_${n}".`,
      });
      id = `${id}_${n}`;
    }
    ids.add(id);
    const item: Item = { id, stt: sttText, label: labelText };
    const unitText = unit === undefined ? "" : text(row[unit] ?? null);
    if (unitText) item.unit = unitText;
    if (!labelText) undecided.push({ cell: { row: r, col: label ?? stt }, message: `Mục "${sttText}" chưa có tên.` });
    if (parent) (parent.item.children ??= []).push(item);
    else items.push(item);
    stack.push({ kind, item, dash: 0 });
    rows.push({ item, row: r, kind });
  }
  return { items, rows, total, end: r };
}

/**
 * The measures each row carries, read from the formulas of a workbook the system printed: a
 * computed cell holds a formula only for a measure its row carries. Without formulas every row
 * carries every measure of its appendix.
 */
function carriedMeasures(grid: Grid, h: InferredHeader, body: Body, measures: string[]): void {
  const f = grid.formulas;
  if (!f) return;
  const has = (row: number, col: number) => !!f[row]?.[col] || !isBlank(grid.values[row]?.[col] ?? null);
  const byMeasure = new Map(measures.map((m) => [m, h.columns.filter((c) => c.measure === m).map((c) => c.col)]));
  const colsOf = (m: string) => byMeasure.get(m)!;
  const withFormulas = measures.filter((m) => body.rows.some((r) => colsOf(m).some((c) => !!f[r.row]?.[c])));
  if (!withFormulas.length) return;
  for (const r of body.rows) {
    const carried = measures.filter((m) => !withFormulas.includes(m) || colsOf(m).some((c) => has(r.row, c)));
    if (carried.length < measures.length) r.item.measures = carried;
  }
}

// ---------------------------------------------------------------------------------------------
// Lines above and under the table.

function lineOf(row: CellValue[]): { text: string; col: number } | null {
  for (let c = 0; c < row.length; c++) if (!isBlank(row[c])) return { text: text(row[c]), col: c };
  return null;
}

function appendixId(heading: string, sheet: string): string {
  const m = /^ph[uụ]\s*l[uụ]c\s*(?:s[oố]\s*)?([0-9A-Za-z]+)/iu.exec(heading.normalize("NFC"));
  if (m) return `PL${m[1].toUpperCase()}`;
  const safe = sheet.normalize("NFD").replace(/[^A-Za-z0-9._-]/g, "");
  return /^[A-Za-z0-9]/.test(safe) ? safe.slice(0, 64) : "PL";
}

function readSignature(grid: Grid, from: number): PrintSettings["signature"] | undefined {
  let place: string | undefined;
  let dateLine = false;
  let titles: { text: string; col: number }[] | null = null;
  let notes: { text: string; col: number }[] = [];
  for (let r = from; r < grid.values.length; r++) {
    const row = grid.values[r] ?? [];
    const cells = row.flatMap((v, col) => (isBlank(v) ? [] : [{ text: text(v), col }]));
    if (!cells.length) continue;
    if (!titles) {
      const date = cells.find((c) => /\bngay\b.*\bthang\b.*\bnam\b/.test(foldKey(c.text)));
      if (date) {
        dateLine = true;
        const before = date.text.split(",")[0].trim();
        if (before && !/^[….\s]+$/.test(before) && before !== date.text) place = before;
        continue;
      }
      if (dateLine || (cells.length >= 2 && cells.every((c) => c.text.length <= 60 && !c.text.startsWith("(")))) {
        titles = cells;
        continue;
      }
    } else {
      if (cells.every((c) => c.text.startsWith("("))) notes = cells;
      break;
    }
  }
  if (!titles) return undefined;
  const signers: Signer[] = titles.map((t) => ({ title: t.text }));
  for (const n of notes) {
    let k = 0;
    titles.forEach((t, j) => t.col <= n.col && (k = j));
    signers[k].note = n.text;
  }
  return { ...(place ? { place } : {}), dateLine, signers };
}

// ---------------------------------------------------------------------------------------------

/** A proposed template from the grids of a workbook holding the appendix tables as printed. */
export function inferTemplate(grids: Grid[], opts: InferOptions = {}): InferResult {
  const memo = new TextMemo();
  const undecided: { cell: string; message: string }[] = [];
  const appendices: Appendix[] = [];
  const signatures: (PrintSettings["signature"] | undefined)[] = [];
  const years = new Set<number>();
  let range: [number, number] | undefined;
  let unit: { unit: number; text: string } | undefined;
  let attachment: string | undefined;
  const used = new Set<string>();
  const said = new Set<string>();

  for (const grid of grids) {
    const local: Undecided[] = [];
    const cell = (u: Undecided) => sheetCell(grid.sheet, u.cell.row, u.cell.col);
    const h = inferHeader(grid, memo);
    if (!h) {
      if (grid.values.some((row) => row.some((v) => !isBlank(v))))
        undecided.push({
          cell: `${grid.sheet}!A1`,
          message: "Không thấy bảng có cột STT ở trang tính này; đã bỏ qua.",
        });
      continue;
    }
    local.push(...h.undecided);
    h.years.forEach((y) => years.add(y));
    range ??= h.range;
    if (h.unit) {
      if (!unit) unit = h.unit;
      else if (unit.unit !== h.unit.unit)
        local.push({
          cell: h.unit.cell,
          message: `Đơn vị tiền "${h.unit.text}" khác "${unit.text}" của phụ lục trước.`,
        });
    } else if (h.columns.some((c) => c.measure && MEASURES[c.measure].kind === "money")) {
      const money = h.columns.find((c) => c.measure && MEASURES[c.measure].kind === "money")!;
      local.push({
        cell: money.cells[0],
        message: 'Không thấy đơn vị tiền (ví dụ "(triệu đồng)" hoặc dòng "ĐVT: triệu đồng"); đã tạm dùng triệu đồng.',
      });
    }

    // Heading and title: the lines above the header.
    let heading = "";
    const title: string[] = [];
    for (let r = 0; r < h.header.top; r++) {
      const line = lineOf(grid.values[r] ?? []);
      if (!line) continue;
      const folded = foldKey(line.text);
      if (!heading && folded.startsWith("phu luc")) heading = line.text;
      else if (folded.includes("kem theo") && line.text.startsWith("(")) attachment ??= line.text;
      else if (/^(dvt|don vi tinh|don vi)\b/.test(folded) || line.text.startsWith("(")) continue;
      else if (heading || !title.length) title.push(line.text);
    }
    let id = appendixId(heading, grid.sheet);
    if (used.has(id)) id = `${id}-${appendices.length + 1}`;
    used.add(id);
    if (!heading)
      local.push({ cell: { row: 0, col: 0 }, message: `Không thấy dòng "PHỤ LỤC …" trên bảng; đã lấy mã "${id}".` });
    if (!title.length) local.push({ cell: { row: 0, col: 0 }, message: "Không thấy tên phụ lục ở trên bảng." });

    const body = readBody(grid, h, local, memo);
    const measures = MEASURE_ORDER.filter((m) => h.columns.some((c) => c.measure === m));
    carriedMeasures(grid, h, body, measures);
    const totalMeasures = (() => {
      const f = grid.formulas;
      if (!body.total || !f) return measures;
      const row = body.total.row;
      const inTotal = measures.filter((m) =>
        h.columns.some((c) => c.measure === m && (f[row]?.[c.col] || !isBlank(grid.values[row]?.[c.col] ?? null))),
      );
      return inTotal.length ? inTotal : measures;
    })();
    if (!body.total)
      local.push({
        cell: { row: body.end, col: h.header.left },
        message: 'Không thấy dòng "Tổng cộng" dưới bảng; đã thêm dòng "Tổng cộng".',
      });
    if (!body.rows.length)
      local.push({ cell: { row: h.header.bodyStart, col: h.header.left }, message: "Bảng chưa có dòng nào." });

    appendices.push({
      id,
      heading: heading || id,
      title: title.join(" "),
      items: body.items,
      measures,
      totalRow: { label: body.total?.label ?? "Tổng cộng", measures: totalMeasures },
      columns: h.tree,
    });
    signatures.push(readSignature(grid, Math.max(body.end, (body.total?.row ?? 0) + 1)));
    for (const u of local) {
      const entry = { cell: cell(u), message: u.message };
      const key = `${entry.cell}\u0000${entry.message}`;
      if (!said.has(key)) undecided.push(entry);
      said.add(key);
    }
  }

  const all = MEASURE_ORDER.filter((m) => appendices.some((a) => a.measures!.includes(m)));
  for (const a of appendices) if (a.measures!.length === all.length) delete a.measures;
  const dongPerUnit = unit?.unit ?? 1e6;
  const decimals = dongPerUnit >= 1e6 ? 3 : 0;
  const measures: Measure[] = all.map((m) => {
    const measure = inferredMeasure(m, decimals)!;
    if (measure.sumOf) measure.sumOf = measure.sumOf.filter((s) => all.includes(s));
    return measure;
  });
  const sorted = [...years].sort((a, b) => a - b);
  const span = range ?? (sorted.length ? [sorted[0], sorted[sorted.length - 1]] : undefined);
  const periods = [
    { id: TOTAL_PERIOD, label: span ? `Giai đoạn ${span[0]}-${span[1]}` : "Cả giai đoạn", total: true },
    ...sorted.map((y) => ({ id: String(y), label: `Năm ${y}` })),
  ];

  const print = (signature: PrintSettings["signature"]): PrintSettings => ({
    orientation: "landscape",
    paper: "A4",
    fitToWidth: true,
    repeatHeader: true,
    pageNumbers: true,
    ...(signature ? { signature } : {}),
  });
  const same = signatures.every((s) => JSON.stringify(s) === JSON.stringify(signatures[0]));
  if (!same) appendices.forEach((a, k) => (a.print = print(signatures[k])));

  const name = opts.name ?? (appendices.length ? `Mẫu biểu: ${appendices[0].title}` : "Mẫu biểu mới");
  const template: Template = {
    id: opts.id ?? "mau-bieu-moi",
    version: opts.version ?? 1,
    name,
    document: { number: "", issuer: "", date: "", title: name, ...(attachment ? { attachment } : {}) },
    money: {
      unit: unit?.text ?? "triệu đồng",
      dongPerUnit,
      decimals,
      max: String(Math.max(1, 1e12 / dongPerUnit)),
    },
    quantityMax: 10_000_000,
    periods,
    measures,
    kinds: DEFAULT_KINDS.map((k) => ({ ...k })),
    print: print(same ? signatures[0] : undefined),
    appendices,
  };
  if (!appendices.length)
    undecided.push({ cell: `${grids[0]?.sheet ?? "Sheet1"}!A1`, message: "Tệp không có bảng nào để lập mẫu biểu." });
  return { template, undecided };
}
