// The producer matrix: every program districts use × every layout it can express, generated
// once from one layout description (layouts.ts, written as JSON for the Python generators).
// Files come back as bytes; a CSV producer gives one workbook per sheet, named by the caller.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { SOFFICE } from "../soffice";
import { writeWithExcelJs } from "./exceljs";
import { SSCONVERT, ssconvert } from "./gnumeric";
import { buildLayouts, type LayoutId, type LayoutWorkbook } from "./layouts";
import { CSV_TYPED, layoutCsv, sofficeConvert } from "./libreoffice";
import { pythonWith, required, run } from "./tools";

export type ProducerId =
  | "exceljs"
  | "openpyxl"
  | "xlsxwriter"
  | "libreoffice-csv"
  | "libreoffice-xlsx"
  | "libreoffice-ods"
  | "gnumeric-xlsx"
  | "gnumeric-ods";

export interface Producer {
  id: ProducerId;
  /** What writes the file, and from what. */
  program: string;
  /** The program that must be installed, and how (Debian). */
  needs: { what: string; install: string } | null;
  /** Layouts it cannot express, and why. */
  cannot: Partial<Record<LayoutId, string>>;
  /** Whether its files keep merged ranges (a CSV cannot). */
  merges: boolean;
}

// LibreOffice and Gnumeric calculate the formulas they save and keep no "recalculate on load"
// flag: a workbook saved with 0 for its formulas and that flag comes out of them either
// recalculated or with plain zeros, never as the cached-zero layout.
const OWN_RESULTS = { "cached-zero": "saves the results it calculated, with no recalculate-on-load flag" };
const LIBREOFFICE = { what: "soffice", install: "apt-get install -y libreoffice-calc-nogui" };
const GNUMERIC = { what: "ssconvert", install: "apt-get install -y gnumeric" };

export const PRODUCERS: Producer[] = [
  { id: "exceljs", program: "ExcelJS 4 (Node)", needs: null, cannot: {}, merges: true },
  {
    id: "openpyxl",
    program: "openpyxl (Python)",
    needs: { what: "python3 with openpyxl", install: "apt-get install -y python3-openpyxl" },
    cannot: {},
    merges: true,
  },
  {
    id: "xlsxwriter",
    program: "XlsxWriter (Python)",
    needs: { what: "python3 with xlsxwriter", install: "apt-get install -y python3-xlsxwriter" },
    cannot: {},
    merges: true,
  },
  {
    id: "libreoffice-csv",
    program: "LibreOffice Calc: one CSV per sheet converted to .xlsx",
    needs: LIBREOFFICE,
    cannot: { "cached-zero": "a CSV carries no saved formula results" },
    merges: false,
  },
  {
    id: "libreoffice-xlsx",
    program: "LibreOffice Calc: the ExcelJS workbook opened and saved as .xlsx",
    needs: LIBREOFFICE,
    cannot: OWN_RESULTS,
    merges: true,
  },
  {
    id: "libreoffice-ods",
    program: "LibreOffice Calc: the ExcelJS workbook opened and saved as .ods",
    needs: LIBREOFFICE,
    cannot: OWN_RESULTS,
    merges: true,
  },
  {
    id: "gnumeric-xlsx",
    program: "Gnumeric (ssconvert): the ExcelJS workbook recalculated and saved as .xlsx",
    needs: GNUMERIC,
    cannot: OWN_RESULTS,
    merges: true,
  },
  {
    id: "gnumeric-ods",
    program: "Gnumeric (ssconvert): the ExcelJS workbook recalculated and saved as .ods",
    needs: GNUMERIC,
    cannot: OWN_RESULTS,
    merges: true,
  },
];

const PYTHON = { openpyxl: pythonWith("openpyxl"), xlsxwriter: pythonWith("xlsxwriter") };
const FOUND: Record<ProducerId, unknown> = {
  exceljs: true,
  openpyxl: PYTHON.openpyxl,
  xlsxwriter: PYTHON.xlsxwriter,
  "libreoffice-csv": SOFFICE,
  "libreoffice-xlsx": SOFFICE,
  "libreoffice-ods": SOFFICE,
  "gnumeric-xlsx": SSCONVERT,
  "gnumeric-ods": SSCONVERT,
};

/** False (with one warning) when the producer's program is not installed here; throws on CI. */
export function producerAvailable(p: Producer): boolean {
  return p.needs === null || required(FOUND[p.id], p.needs.what, p.needs.install);
}

/**
 * One file of a produced workbook; `sheet` renames its only sheet (CSV files are named by LibreOffice after the file).
 */
export interface ProducedFile {
  name: string;
  bytes: Uint8Array;
  sheet?: string;
}

/** Per producer and layout: the files, or why the producer failed to make them. */
export type Matrix = Record<string, ProducedFile[] | Error>;
export const key = (producer: ProducerId, layout: LayoutId) => `${producer} × ${layout}`;

const SCRIPTS = fileURLToPath(new URL(".", import.meta.url));
const BOOKS = buildLayouts();
const layoutIds = (except: Producer["cannot"]) => (Object.keys(BOOKS) as LayoutId[]).filter((id) => !(id in except));

async function python(
  producer: "openpyxl" | "xlsxwriter",
  dir: string,
  layoutsJson: string,
): Promise<Record<LayoutId, ProducedFile[]>> {
  const out = join(dir, producer);
  mkdirSync(out, { recursive: true });
  await run(PYTHON[producer] as string, [join(SCRIPTS, `write-${producer}.py`), layoutsJson, out]);
  return Object.fromEntries(
    layoutIds({}).map((id) => [
      id,
      [{ name: `${id}.xlsx`, bytes: new Uint8Array(readFileSync(join(out, `${id}.xlsx`))) }],
    ]),
  ) as Record<LayoutId, ProducedFile[]>;
}

/** Runs `make` for the producer and records its files (or its failure) under each layout. */
async function record(
  matrix: Matrix,
  p: Producer,
  make: () => Promise<Partial<Record<LayoutId, ProducedFile[]>>>,
): Promise<void> {
  if (!producerAvailable(p)) return;
  try {
    const files = await make();
    for (const id of layoutIds(p.cannot)) {
      const made = files[id];
      const missing = !made?.length || made.some((f) => !f.bytes?.length);
      matrix[key(p.id, id)] = missing ? new Error(`${p.id} wrote no file for ${id}`) : made;
    }
  } catch (err) {
    for (const id of layoutIds(p.cannot)) matrix[key(p.id, id)] = err as Error;
  }
}

/**
 * Generates every file of the matrix under `dir`: the Python generators and ExcelJS first,
 * then one soffice run per kind of conversion and one ssconvert per file, side by side.
 */
export async function produceMatrix(dir: string): Promise<Matrix> {
  const layouts = BOOKS;
  const layoutsJson = join(dir, "layouts.json");
  writeFileSync(layoutsJson, JSON.stringify(layouts));
  const matrix: Matrix = {};
  const by = (id: ProducerId) => PRODUCERS.find((p) => p.id === id)!;

  const excel: Partial<Record<LayoutId, Uint8Array>> = {};
  for (const id of layoutIds({})) excel[id] = await writeWithExcelJs(layouts[id]);
  const fromExcelJs = (p: Producer) => layoutIds(p.cannot).map((id) => [id, excel[id]!] as const);

  const gnumeric = (p: Producer, to: "xlsx" | "ods") =>
    record(matrix, p, async () => {
      const out = join(dir, p.id);
      mkdirSync(out, { recursive: true });
      const files: Partial<Record<LayoutId, ProducedFile[]>> = {};
      // One after the other: each ssconvert is a fraction of a second, and soffice runs beside them.
      for (const [id, bytes] of fromExcelJs(p))
        files[id] = [{ name: `${id}.${to}`, bytes: await ssconvert(out, id, bytes, to) }];
      return files;
    });
  const resaved = (p: Producer, to: "xlsx" | "ods") =>
    record(matrix, p, async () => {
      const out = await sofficeConvert(
        join(dir, p.id),
        Object.fromEntries(fromExcelJs(p).map(([id, bytes]) => [`${id}.xlsx`, bytes])),
        to,
      );
      return Object.fromEntries(
        layoutIds(p.cannot).map((id) => [id, [{ name: `${id}.${to}`, bytes: out[`${id}.${to}`] }]]),
      );
    });
  const csv = (p: Producer) =>
    record(matrix, p, async () => {
      const inputs: Record<string, string> = {};
      for (const id of layoutIds(p.cannot))
        for (const s of layouts[id].sheets) inputs[`${id}--${s.name}.csv`] = layoutCsv(s);
      const out = await sofficeConvert(join(dir, p.id), inputs, "xlsx", CSV_TYPED);
      return Object.fromEntries(
        layoutIds(p.cannot).map((id) => [
          id,
          layouts[id].sheets.map((s) => ({
            name: `${id}--${s.name}.xlsx`,
            bytes: out[`${id}--${s.name}.xlsx`],
            sheet: s.name,
          })),
        ]),
      );
    });

  await record(matrix, by("exceljs"), async () =>
    Object.fromEntries(Object.entries(excel).map(([id, bytes]) => [id, [{ name: `${id}.xlsx`, bytes }]])),
  );
  await Promise.all([
    record(matrix, by("openpyxl"), () => python("openpyxl", dir, layoutsJson)),
    record(matrix, by("xlsxwriter"), () => python("xlsxwriter", dir, layoutsJson)),
    csv(by("libreoffice-csv")),
    resaved(by("libreoffice-xlsx"), "xlsx"),
    resaved(by("libreoffice-ods"), "ods"),
    gnumeric(by("gnumeric-xlsx"), "xlsx").then(() => gnumeric(by("gnumeric-ods"), "ods")),
  ]);
  return matrix;
}

export function layoutsOf(p: Producer): LayoutId[] {
  return layoutIds(p.cannot);
}

export function layout(id: LayoutId): LayoutWorkbook {
  return BOOKS[id];
}
