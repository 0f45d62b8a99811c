// LibreOffice Calc as a producer, headless, each run with its own profile so parallel runs
// never share a lock: CSV files (one per sheet, as people export or type them) converted to
// .xlsx, and workbooks opened and saved again as .xlsx or as .ods (LibreOffice's own format).
// One soffice run converts every file of a kind: --convert-to takes many inputs.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SOFFICE } from "../soffice";
import type { LayoutCell, LayoutSheet } from "./layouts";
import { run } from "./tools";

/**
 * CSV import: comma, double quote, UTF-8, from line 1, en-US numbers, quoted fields as text,
 * no special-number detection (dates), formulas evaluated: a quoted "1.209,915" stays text,
 * an unquoted 403.305 is a number and an unquoted =SUM(…) a formula, as typed in Calc.
 */
export const CSV_TYPED = "CSV:44,34,76,1,,1033,true,false,,,false,,true";

const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

function csvField(cell: LayoutCell): string {
  if (cell === null) return "";
  if (typeof cell === "number") return String(cell);
  if (typeof cell === "string") return quote(cell);
  return `=${cell.f}`;
}

/** A sheet as CSV: merged areas carry their text in their first cell only, as a CSV does. */
export function layoutCsv(sheet: LayoutSheet): string {
  return sheet.rows.map((row) => row.map(csvField).join(",").replace(/,+$/, "")).join("\r\n") + "\r\n";
}

/**
 * Converts the files (name → bytes) with one soffice run and returns the outputs by name
 * (input name with the new extension). `infilter` forces an import filter for every input.
 */
export async function sofficeConvert(
  dir: string,
  files: Record<string, string | Uint8Array>,
  to: "xlsx" | "ods",
  infilter?: string,
): Promise<Record<string, Uint8Array>> {
  if (!SOFFICE) throw new Error("soffice not found");
  const inDir = join(dir, "in");
  const outDir = join(dir, "out");
  mkdirSync(inDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const inputs = Object.entries(files).map(([name, body]) => {
    writeFileSync(join(inDir, name), body);
    return join(inDir, name);
  });
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  try {
    const filter = infilter ? [`--infilter=${infilter}`] : [];
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=file://${profile}`,
        "--headless",
        "--norestore",
        ...filter,
        "--convert-to",
        to,
        "--outdir",
        outDir,
        ...inputs,
      ],
      180_000,
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  const out: Record<string, Uint8Array> = {};
  for (const name of readdirSync(outDir))
    if (name.endsWith(`.${to}`)) out[name] = new Uint8Array(readFileSync(join(outDir, name)));
  return out;
}
