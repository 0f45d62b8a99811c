// An OpenDocument spreadsheet (.ods, LibreOffice's own format; Gnumeric writes it too) → one
// grid per table, exactly as the .xlsx reader gives them: values, formula text (OpenFormula
// turned into the A1 syntax the domain reads), merged ranges, dates/times/percents, under the
// same bounds. content.xml compresses repetition: a row or cell repeated N times is written
// once with number-rows-repeated / number-columns-repeated (LibreOffice pads every sheet to
// 1,048,576 rows × 16,384 columns that way). Empty repeats only move the position; repeats
// with content are counted against the cell and text budgets before a single copy is made.
// The flat form (.fods: the whole document as one XML file) reads through the same parser.
// Dates, times and percents come from the cell's value type (LibreOffice) or, for a plain
// number, from its cell style's data style (Gnumeric writes 0.15 as a float in a percent style).
import type { CellRange, CellValue, Grid } from "../../domain";
import type { NumberFormatKind } from "../../domain/grid/model";
import { durationToDays, isoToSerial } from "./dates";
import { formatError } from "./detect";
import { XlsxError } from "./errors";
import type { XlsxLimits } from "./limits";
import { buildGrid, type ParsedCell, type ReadBudget, spendCells, spendText } from "./sheet";
import { checkLength } from "./text";
import { parseXml, partText } from "./xml";
import type { ZipArchive } from "./zip";

const MAX_ROWS = 1_048_576;
const MAX_COLS = 16_384;

function odsCorrupt(detail: string): XlsxError {
  return new XlsxError("XLSX_CORRUPT", `Tệp .ods bị hỏng hoặc không đầy đủ (${detail}).`, undefined, {
    messageEn: `The .ods file is damaged or incomplete (${detail}).`,
  });
}

/** An XlsxError raised while reading the package says ".ods", not ".xlsx". */
function asOds(err: unknown): unknown {
  if (err instanceof XlsxError && err.code === "XLSX_CORRUPT" && err.message.includes("Tệp .xlsx")) {
    return new XlsxError("XLSX_CORRUPT", err.message.replace("Tệp .xlsx", "Tệp .ods"), err.limit);
  }
  return err;
}

/** The grids of an opened .ods package (`lim` complete, as withDefaults gives it). */
export function readOdsPackage(zip: ZipArchive, lim: XlsxLimits): Grid[] {
  try {
    // A password-protected document lists how each part is encrypted; its content.xml is not XML.
    const manifest = zip.read("META-INF/manifest.xml");
    if (manifest && /<(?:[\w-]+:)?encryption-data[\s>/]/.test(partText(manifest)))
      throw formatError("ods-encrypted", true);
    const content = zip.read("content.xml");
    if (!content) throw odsCorrupt("thiếu content.xml");
    // Common styles and number formats (Gnumeric keeps its percent and date formats there).
    const styles = new OdsStyles();
    const stylesXml = zip.read("styles.xml");
    if (stylesXml)
      parseXml(partText(stylesXml), { open: (name, a) => styles.open(name, a), close: (name) => styles.close(name) });
    return parseOdsContent(partText(content), lim, styles);
  } catch (err) {
    throw asOds(err);
  }
}

/** A flat OpenDocument spreadsheet (.fods): the whole file is XML, counted against the XML budget. */
export function readFlatOds(bytes: Uint8Array, lim: XlsxLimits): Grid[] {
  if (bytes.length > lim.maxXmlBytes) {
    throw new XlsxError(
      "XLSX_INFLATE_LIMIT",
      `Nội dung bảng tính quá lớn: tệp XML vượt quá ${lim.maxXmlBytes} byte. Hãy xóa các sheet, dòng, cột hoặc định dạng thừa rồi lưu lại (hoặc lưu dưới dạng .ods).`,
      lim.maxXmlBytes,
    );
  }
  try {
    return parseOdsContent(partText(bytes), lim);
  } catch (err) {
    throw asOds(err);
  }
}

/**
 * Cell styles and the data styles (number formats) they use: which plain numbers show as a
 * date, a time or a percent. Fed the elements of styles.xml and of content.xml's automatic styles.
 */
export class OdsStyles {
  private readonly dataKinds = new Map<string, NumberFormatKind>();
  private readonly cellStyles = new Map<string, { data?: string; parent?: string }>();
  private current: { name: string; kind: NumberFormatKind } | null = null;

  open(name: string, a: Record<string, string>): void {
    if (name === "date-style" || name === "time-style" || name === "percentage-style") {
      if (a.name)
        this.current = {
          name: a.name,
          kind: name === "date-style" ? "date" : name === "time-style" ? "time" : "percent",
        };
    } else if (this.current?.kind === "date" && (name === "hours" || name === "minutes" || name === "seconds")) {
      this.current.kind = "datetime";
    } else if (name === "style" && a.family === "table-cell" && a.name) {
      this.cellStyles.set(a.name, { data: a["data-style-name"], parent: a["parent-style-name"] });
    }
  }

  close(name: string): void {
    if ((name === "date-style" || name === "time-style" || name === "percentage-style") && this.current) {
      this.dataKinds.set(this.current.name, this.current.kind);
      this.current = null;
    }
  }

  /** The kind of a number shown with this cell style (its own data style, else its parent's). */
  kindOf(style: string | undefined): NumberFormatKind | null {
    let at = style === undefined ? undefined : this.cellStyles.get(style);
    for (let depth = 0; at && depth < 4; depth++) {
      if (at.data !== undefined) return this.dataKinds.get(at.data) ?? null;
      at = at.parent === undefined ? undefined : this.cellStyles.get(at.parent);
    }
    return null;
  }
}

/** A repeat or span count: a positive integer, else 1. */
function count(text: string | undefined): number {
  if (text === undefined) return 1;
  const n = Number(text);
  return Number.isInteger(n) && n >= 1 ? n : 1;
}

/** A cell of the row being read, once per run of repeated columns. */
interface RowCell {
  col: number;
  repeat: number;
  value: CellValue;
  formula: string | null;
  kind: NumberFormatKind | null;
}

interface RowMerge {
  col: number;
  repeat: number;
  rows: number;
  cols: number;
}

/** Elements whose text is not the cell's value: comments, shapes and images anchored in a cell. */
const NOT_CELL_TEXT = new Set([
  "annotation",
  "frame",
  "custom-shape",
  "rect",
  "line",
  "ellipse",
  "g",
  "control",
  "image",
  "shapes",
  "named-expressions",
]);

export function parseOdsContent(xml: string, lim: XlsxLimits, styles = new OdsStyles()): Grid[] {
  const budget: ReadBudget = { cells: lim.maxCells, area: lim.maxGridArea, text: lim.maxTextChars };
  const grids: Grid[] = [];
  let date1904 = false;
  let spreadsheet = false;

  let sheet: string | null = null;
  let nested = 0;
  let cells: ParsedCell[] = [];
  let merges: CellRange[] = [];
  let row = 0;
  let col = 0;
  let rowRepeat = 1;
  let rowCells: RowCell[] = [];
  let rowMerges: RowMerge[] = [];
  // The cell being read.
  let cell: Record<string, string> | null = null;
  let paragraphs: string[] = [];
  let inParagraph = 0;
  let skip = 0;

  const finishCell = () => {
    const a = cell!;
    cell = null;
    const repeat = count(a["number-columns-repeated"]);
    const formula = a.formula ? odfFormula(a.formula) : null;
    let value: CellValue = null;
    let kind: NumberFormatKind | null = null;
    switch (a["value-type"]) {
      case "float":
      case "currency":
      case "percentage": {
        const n = Number(a.value);
        value = a.value !== undefined && a.value.trim() !== "" && Number.isFinite(n) ? n : text(a);
        if (typeof value === "number")
          kind = a["value-type"] === "percentage" ? "percent" : styles.kindOf(a["style-name"]);
        break;
      }
      case "date": {
        const serial = a["date-value"] === undefined ? null : isoToSerial(a["date-value"].trim(), date1904);
        value = serial ?? text(a);
        if (serial !== null) kind = serial % 1 === 0 ? "date" : "datetime";
        break;
      }
      case "time": {
        const days = a["time-value"] === undefined ? null : durationToDays(a["time-value"]);
        value = days ?? text(a);
        if (days !== null) kind = "time";
        break;
      }
      case "boolean":
        value = a["boolean-value"] === undefined ? text(a) : a["boolean-value"].trim() === "true";
        break;
      case "error":
        // LibreOffice's calcext:value-type of a formula that failed: the text shown ("#DIV/0!", "Err:502").
        value = checkLength(paragraphs.join("\n"), lim) || null;
        break;
      default:
        value = text(a);
    }
    if (value !== null || formula !== null) {
      if (col + repeat > MAX_COLS) throw odsCorrupt(`sheet "${sheet!.slice(0, 31)}" có ô nằm ngoài cột ${MAX_COLS}`);
      rowCells.push({ col, repeat, value, formula, kind });
    }
    const cols = count(a["number-columns-spanned"]);
    const rows = count(a["number-rows-spanned"]);
    if ((cols > 1 || rows > 1) && col + repeat <= MAX_COLS) rowMerges.push({ col, repeat, rows, cols });
    col += repeat;
  };

  /** The text a cell shows: office:string-value when given, else its paragraphs. */
  const text = (a: Record<string, string>): string | null => {
    const t = a["string-value"] ?? checkLength(paragraphs.join("\n"), lim);
    return t === "" ? null : t;
  };

  const finishRow = () => {
    const repeat = rowRepeat;
    if (rowCells.length || rowMerges.length) {
      if (row >= MAX_ROWS) throw odsCorrupt(`sheet "${sheet!.slice(0, 31)}" có ô nằm ngoài dòng ${MAX_ROWS}`);
      const copies = Math.min(repeat, MAX_ROWS - row);
      // Counted before a single copy is made: a repeated row of repeated cells is a product.
      let perRow = 0;
      let chars = 0;
      for (const c of rowCells) {
        perRow += c.repeat;
        chars += c.repeat * ((typeof c.value === "string" ? c.value.length : 0) + (c.formula?.length ?? 0));
      }
      for (const m of rowMerges) perRow += m.repeat;
      spendCells(budget, perRow * copies, lim);
      spendText(budget, chars * copies, lim, sheet!);
      for (let r = row; r < row + copies; r++) {
        for (const c of rowCells) {
          for (let k = 0; k < c.repeat; k++)
            cells.push({ row: r, col: c.col + k, value: c.value, formula: c.formula, kind: c.kind });
        }
        for (const m of rowMerges) {
          for (let k = 0; k < m.repeat; k++) merges.push({ row: r, col: m.col + k, rows: m.rows, cols: m.cols });
        }
      }
    }
    row += repeat;
    rowCells = [];
    rowMerges = [];
  };

  parseXml(xml, {
    // Self-closing elements get a close() too: every count below goes up in open() and down in close().
    open(name, a) {
      if (skip) {
        skip++;
        return;
      }
      if (sheet === null) {
        styles.open(name, a);
        if (name === "spreadsheet") spreadsheet = true;
        else if (name === "null-date") date1904 = (a["date-value"] ?? "").startsWith("1904-01-01");
        else if (name === "table" && spreadsheet) {
          if (grids.length === lim.maxSheets) {
            throw new XlsxError(
              "XLSX_TOO_MANY_SHEETS",
              `Bảng tính có quá nhiều sheet (tối đa ${lim.maxSheets}). Hãy xóa các sheet không thuộc mẫu biểu rồi lưu lại.`,
              lim.maxSheets,
            );
          }
          sheet = a.name ?? `Sheet${grids.length + 1}`;
          cells = [];
          merges = [];
          row = 0;
        }
        return;
      }
      if (name === "table") {
        // A table inside a table (not something spreadsheets write): its rows are not this sheet's.
        nested++;
        return;
      }
      if (nested) return;
      if (cell) {
        if (NOT_CELL_TEXT.has(name)) {
          skip = 1;
        } else if (name === "p" || name === "h") {
          paragraphs.push("");
          inParagraph++;
        } else if (inParagraph) {
          const last = paragraphs.length - 1;
          if (name === "s")
            paragraphs[last] = checkLength(
              paragraphs[last] + " ".repeat(Math.min(count(a.c), lim.maxStringLength + 1)),
              lim,
            );
          else if (name === "tab") paragraphs[last] = checkLength(paragraphs[last] + "\t", lim);
          else if (name === "line-break") paragraphs[last] = checkLength(paragraphs[last] + "\n", lim);
        }
      } else if (NOT_CELL_TEXT.has(name)) {
        skip = 1;
      } else if (name === "table-row") {
        rowRepeat = count(a["number-rows-repeated"]);
        rowCells = [];
        rowMerges = [];
        col = 0;
      } else if (name === "table-cell" || name === "covered-table-cell") {
        cell = a;
        paragraphs = [];
        inParagraph = 0;
      }
    },
    text(t) {
      if (!skip && cell && inParagraph && sheet !== null && !nested) {
        const last = paragraphs.length - 1;
        paragraphs[last] = checkLength(paragraphs[last] + t, lim);
      }
    },
    close(name) {
      if (skip) {
        skip--;
        return;
      }
      if (sheet === null) {
        styles.close(name);
        return;
      }
      if (name === "table") {
        if (nested) {
          nested--;
          return;
        }
        const grid = buildGrid(sheet, cells, merges, lim, budget);
        if (date1904) grid.date1904 = true;
        grids.push(grid);
        sheet = null;
        cells = [];
        merges = [];
        return;
      }
      if (nested) return;
      if (cell) {
        if (name === "p" || name === "h") inParagraph--;
        else if (name === "table-cell" || name === "covered-table-cell") finishCell();
      } else if (name === "table-row") finishRow();
    },
  });
  if (!grids.length)
    throw new XlsxError("XLSX_NO_SHEETS", "Tệp .ods không có sheet dữ liệu nào.", undefined, {
      messageEn: "The .ods file has no sheet with data.",
    });
  return grids;
}

/**
 * OpenFormula as content.xml writes it ("of:=SUM([.E8:.G8];[$PL02.H8])") → the A1 syntax the
 * domain reads ("=SUM(E8:G8,PL02!H8)"). A reference into another document
 * ("['file:///C:/a.ods'#$Sheet1.A1]") becomes "[file:///C:/a.ods]Sheet1!A1", which the formula
 * rules see as a link to another workbook. Text in double quotes is copied as it is.
 */
export function odfFormula(formula: string): string {
  const prefix = /^[A-Za-z][\w-]*:=/.exec(formula);
  const body = prefix ? formula.slice(prefix[0].length) : formula.replace(/^=/, "");
  let out = "=";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === '"') {
      let j = i + 1;
      while (j < body.length && !(body[j] === '"' && body[j + 1] !== '"')) j += body[j] === '"' ? 2 : 1;
      out += body.slice(i, j + 1);
      i = j;
    } else if (c === "[") {
      // The closing "]" outside single quotes ('My sheet'.A1 may hold "]" in a quoted name).
      let j = i + 1;
      while (j < body.length && body[j] !== "]") {
        if (body[j] === "'") {
          j++;
          while (j < body.length && !(body[j] === "'" && body[j + 1] !== "'")) j += body[j] === "'" ? 2 : 1;
        }
        j++;
      }
      out += odfReference(body.slice(i + 1, j));
      i = j;
    } else if (c === ";") {
      out += ",";
    } else {
      out += c;
    }
  }
  return out;
}

/** ".E8:.G8" → "E8:G8"; "$PL02.$H$8" → "PL02!$H$8"; "'Kế hoạch'.A1" → "'Kế hoạch'!A1". */
function odfReference(ref: string): string {
  const parts: string[] = [];
  let from = 0;
  let quoted = false;
  for (let k = 0; k <= ref.length; k++) {
    if (ref[k] === "'") quoted = !quoted;
    else if ((ref[k] === ":" && !quoted) || k === ref.length) {
      parts.push(ref.slice(from, k));
      from = k + 1;
    }
  }
  let book = "";
  let firstSheet: string | null = null;
  const shown = parts.map((part, n) => {
    let p = part;
    const hash = outsideQuotes(p, "#");
    if (hash >= 0) {
      book = p.slice(0, hash).replace(/^'|'$/g, "").replace(/''/g, "'");
      p = p.slice(hash + 1);
    }
    const dot = outsideQuotes(p, ".", true);
    const sheet = dot >= 0 ? p.slice(0, dot).replace(/^\$/, "") : "";
    const cell = dot >= 0 ? p.slice(dot + 1) : p;
    if (n === 0) firstSheet = sheet;
    return sheet && (n === 0 || sheet !== firstSheet) ? `${sheet}!${cell}` : cell;
  });
  return (book ? `[${book}]` : "") + shown.join(":");
}

/** Where `ch` is outside single quotes (the last such place when `last`), or -1. */
function outsideQuotes(text: string, ch: string, last = false): number {
  let quoted = false;
  let found = -1;
  for (let k = 0; k < text.length; k++) {
    if (text[k] === "'") quoted = !quoted;
    else if (text[k] === ch && !quoted) {
      found = k;
      if (!last) return k;
    }
  }
  return found;
}
