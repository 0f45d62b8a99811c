// An uploaded .xlsx → one grid per worksheet, in workbook order, named as the workbook names
// them. Only the parts the relationships point to are read, each once; every bound is in
// limits.ts and is one budget for the whole read (bytes of XML, cells, grid area, text).
// Besides values: which numbers are formatted as dates, times or percents (xl/styles.xml), the
// workbook's date system, and whether it asks for a full recalculation on opening.
import type { Grid } from "../../domain";
import { corrupt, XlsxError } from "./errors";
import { withDefaults, type XlsxLimits } from "./limits";
import { parseStyleKinds } from "./number-formats";
import { isType, parseRels, relsPartOf, resolvePart } from "./rels";
import { parseSharedStrings } from "./shared-strings";
import { type ReadBudget, parseSheet } from "./sheet";
import { openZip, type ZipArchive } from "./zip";
import { parseXml, partText } from "./xml";

function text(zip: ZipArchive, part: string | null, what: string): string {
  const bytes = part === null ? undefined : zip.read(part);
  if (!bytes) throw corrupt(`thiếu ${what}`);
  return partText(bytes);
}

/** A sheet name as shown in a message (Excel allows 31 characters; a hostile file may have more). */
const shown = (name: string) => name.slice(0, 31);

interface WorkbookPart {
  sheets: { name: string; rid: string }[];
  /** <workbookPr date1904="1"/> */
  date1904: boolean;
  /** <calcPr fullCalcOnLoad="1"/>: xlsxwriter and pandas save 0 as every formula's result. */
  recalc: boolean;
}

const isTrue = (v: string | undefined) => v === "1" || v === "true" || v === "on";

function workbookSheets(xml: string, limits: XlsxLimits): WorkbookPart {
  const sheets: { name: string; rid: string }[] = [];
  let date1904 = false;
  let recalc = false;
  parseXml(xml, {
    open(name, a) {
      if (name === "workbookPr") date1904 = isTrue(a.date1904);
      else if (name === "calcPr") recalc = isTrue(a.fullCalcOnLoad);
      if (name !== "sheet" || a.name === undefined || a.id === undefined) return;
      if (sheets.length === limits.maxSheets) {
        throw new XlsxError(
          "XLSX_TOO_MANY_SHEETS",
          `Bảng tính có quá nhiều sheet (tối đa ${limits.maxSheets}). Hãy xóa các sheet không thuộc mẫu biểu rồi lưu lại.`,
          limits.maxSheets,
        );
      }
      sheets.push({ name: a.name, rid: a.id });
    },
  });
  return { sheets, date1904, recalc };
}

export function readXlsx(bytes: Uint8Array, limits?: Partial<XlsxLimits>): Grid[] {
  const lim = withDefaults(limits);
  return readXlsxPackage(openZip(bytes, lim), lim);
}

/** The grids of an opened .xlsx package (`lim` complete, as withDefaults gives it). */
export function readXlsxPackage(zip: ZipArchive, lim: XlsxLimits): Grid[] {
  const root = parseRels(text(zip, "_rels/.rels", "quan hệ gốc (_rels/.rels)"));
  const main = root.find((r) => isType(r, "officeDocument"));
  const workbookPart = main ? resolvePart("", main.target) : null;
  if (!workbookPart) throw corrupt("thiếu workbook");
  const { sheets, date1904, recalc } = workbookSheets(text(zip, workbookPart, "workbook"), lim);
  const relList = parseRels(text(zip, relsPartOf(workbookPart), "quan hệ của workbook"));
  const rels = new Map<string, (typeof relList)[number]>();
  for (const r of relList) if (!rels.has(r.id)) rels.set(r.id, r);

  // Which part each worksheet is, before anything is read: a part listed twice is refused
  // rather than parsed twice (a workbook may otherwise list one large sheet hundreds of times).
  const parts: { name: string; part: string | null }[] = [];
  const owner = new Map<string, string>();
  for (const s of sheets) {
    const rel = rels.get(s.rid);
    if (!rel) throw corrupt(`sheet "${shown(s.name)}" không có quan hệ`);
    if (!isType(rel, "worksheet")) continue; // chart sheets and macro sheets hold no grid
    const part = resolvePart(workbookPart, rel.target);
    if (part !== null) {
      const first = owner.get(part);
      if (first !== undefined)
        throw corrupt(`sheet "${shown(s.name)}" và sheet "${shown(first)}" trỏ vào cùng một phần dữ liệu`);
      owner.set(part, s.name);
    }
    parts.push({ name: s.name, part });
  }

  const sst = relList.find((r) => isType(r, "sharedStrings"));
  const strings = sst
    ? parseSharedStrings(text(zip, resolvePart(workbookPart, sst.target), "bảng chuỗi dùng chung"), lim)
    : [];
  // Number formats: optional (a package without styles shows every number as a number).
  const stylesRel = relList.find((r) => isType(r, "styles"));
  const stylesPart = stylesRel ? resolvePart(workbookPart, stylesRel.target) : null;
  const stylesBytes =
    stylesPart === null || stylesPart === workbookPart || owner.has(stylesPart) ? undefined : zip.read(stylesPart);
  const styleKinds = stylesBytes ? parseStyleKinds(partText(stylesBytes)) : null;

  const budget: ReadBudget = { cells: lim.maxCells, area: lim.maxGridArea, text: lim.maxTextChars };
  const context = { strings, styleKinds, date1904 };
  const grids: Grid[] = [];
  for (const s of parts) {
    const xml = text(zip, s.part, `sheet "${shown(s.name)}"`);
    const grid = parseSheet(xml, s.name, context, lim, budget);
    if (date1904) grid.date1904 = true;
    if (recalc) grid.recalc = true;
    grids.push(grid);
  }
  if (!grids.length) throw new XlsxError("XLSX_NO_SHEETS", "Tệp .xlsx không có sheet dữ liệu nào.");
  return grids;
}
