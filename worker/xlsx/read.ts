// An uploaded .xlsx → one grid per worksheet, in workbook order, named as the workbook names
// them. Only the parts the relationships point to are read; every bound is in limits.ts.
import type { Grid } from "../../domain";
import { corrupt, XlsxError } from "./errors";
import { withDefaults, type XlsxLimits } from "./limits";
import { isType, parseRels, relsPartOf, resolvePart } from "./rels";
import { parseSharedStrings } from "./shared-strings";
import { type CellBudget, parseSheet } from "./sheet";
import { openZip, type ZipArchive } from "./zip";
import { parseXml, partText } from "./xml";

function text(zip: ZipArchive, part: string | null, what: string): string {
  const bytes = part === null ? undefined : zip.read(part);
  if (!bytes) throw corrupt(`thiếu ${what}`);
  return partText(bytes);
}

function workbookSheets(xml: string): { name: string; rid: string }[] {
  const sheets: { name: string; rid: string }[] = [];
  parseXml(xml, {
    open(name, a) {
      if (name === "sheet" && a.name !== undefined && a.id !== undefined) sheets.push({ name: a.name, rid: a.id });
    },
  });
  return sheets;
}

export function readXlsx(bytes: Uint8Array, limits?: Partial<XlsxLimits>): Grid[] {
  const lim = withDefaults(limits);
  const zip = openZip(bytes, lim);
  const root = parseRels(text(zip, "_rels/.rels", "quan hệ gốc (_rels/.rels)"));
  const main = root.find((r) => isType(r, "officeDocument"));
  const workbookPart = main ? resolvePart("", main.target) : null;
  if (!workbookPart) throw corrupt("thiếu workbook");
  const sheets = workbookSheets(text(zip, workbookPart, "workbook"));
  const rels = parseRels(text(zip, relsPartOf(workbookPart), "quan hệ của workbook"));

  const sst = rels.find((r) => isType(r, "sharedStrings"));
  const strings = sst ? parseSharedStrings(text(zip, resolvePart(workbookPart, sst.target), "bảng chuỗi dùng chung"), lim) : [];

  const budget: CellBudget = { left: lim.maxCells };
  const grids: Grid[] = [];
  for (const s of sheets) {
    const rel = rels.find((r) => r.id === s.rid);
    if (!rel) throw corrupt(`sheet "${s.name.slice(0, 31)}" không có quan hệ`);
    if (!isType(rel, "worksheet")) continue; // chart sheets and macro sheets hold no grid
    const xml = text(zip, resolvePart(workbookPart, rel.target), `sheet "${s.name.slice(0, 31)}"`);
    grids.push(parseSheet(xml, s.name, strings, lim, budget));
  }
  if (!grids.length) throw new XlsxError("XLSX_NO_SHEETS", "Tệp .xlsx không có sheet dữ liệu nào.");
  return grids;
}
