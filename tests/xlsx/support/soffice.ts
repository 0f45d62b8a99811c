// LibreOffice as "another program": converts CSV → .xlsx, .xlsx → .xlsx and .xlsx → CSV
// headless, each run with its own profile so parallel runs never fight over a lock. Absent
// soffice skips the tests with a message, except on CI (CI=true) where it is a failure.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

function findSoffice(): string | null {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const path = join(dir, "soffice");
    if (dir && existsSync(path)) return path;
  }
  return null;
}

export const SOFFICE = findSoffice();
const ON_CI = process.env.CI === "true" || process.env.CI === "1";

/** True when the LibreOffice tests can run; throws on CI without soffice. */
export function libreOfficeAvailable(): boolean {
  if (SOFFICE) return true;
  if (ON_CI) throw new Error("CI is set but soffice was not found: apt-get install -y libreoffice-calc-nogui");
  console.warn(
    "tests/xlsx: soffice not found, skipping the LibreOffice tests (apt-get install -y libreoffice-calc-nogui)",
  );
  return false;
}

/** CSV import: comma, double quote, UTF-8, from line 1, every column (up to 40) imported as Text (format 2). */
export const CSV_AS_TEXT = `CSV:44,34,76,1,${Array.from({ length: 40 }, (_, k) => `${k + 1}/2`).join("/")}`;
/** CSV import with LibreOffice's own type detection (numbers, formulas). */
export const CSV_DETECT = "CSV:44,34,76,1";
/** CSV export of every sheet (one file per sheet), raw values rather than as shown. */
const CSV_EXPORT_ALL = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

export function workDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `xlsx-${prefix}-`));
}

function run(args: string[], outDir: string, inputs: string[]): void {
  const profile = mkdtempSync(join(tmpdir(), "lo-profile-"));
  try {
    execFileSync(
      SOFFICE!,
      [`-env:UserInstallation=file://${profile}`, "--headless", "--norestore", ...args, "--outdir", outDir, ...inputs],
      {
        stdio: "pipe",
        timeout: 120_000,
      },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Converts files (written into `dir` under their names) and returns the outputs by output name. */
function convert(
  dir: string,
  files: Record<string, string | Uint8Array>,
  args: string[],
  ext: string,
): Record<string, Uint8Array> {
  const inDir = join(dir, "in");
  const outDir = join(dir, "out");
  mkdirSync(inDir, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const inputs = Object.entries(files).map(([name, body]) => {
    const path = join(inDir, name);
    writeFileSync(path, body);
    return path;
  });
  run(args, outDir, inputs);
  const out: Record<string, Uint8Array> = {};
  for (const name of readdirSync(outDir))
    if (name.endsWith(ext)) out[basename(name)] = new Uint8Array(readFileSync(join(outDir, name)));
  if (!Object.keys(out).length) throw new Error(`soffice produced no ${ext} in ${outDir}`);
  return out;
}

export function csvToXlsx(
  dir: string,
  csvs: Record<string, string>,
  infilter = CSV_AS_TEXT,
): Record<string, Uint8Array> {
  return convert(dir, csvs, [`--infilter=${infilter}`, "--convert-to", "xlsx"], ".xlsx");
}

export function xlsxToXlsx(dir: string, name: string, bytes: Uint8Array): Uint8Array {
  return convert(dir, { [name]: bytes }, ["--convert-to", "xlsx"], ".xlsx")[name];
}

/** Every sheet as CSV text: "book-PL01.csv" → text. */
export function xlsxToCsv(dir: string, name: string, bytes: Uint8Array): Record<string, string> {
  const out = convert(dir, { [name]: bytes }, ["--convert-to", CSV_EXPORT_ALL], ".csv");
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, new TextDecoder().decode(v)]));
}

/** RFC 4180 parsing for LibreOffice's CSV output. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") (row.push(field), (field = ""));
    else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      (row.push(field), rows.push(row), (row = []), (field = ""));
    } else field += c;
  }
  if (field || row.length) (row.push(field), rows.push(row));
  return rows;
}

/** The workbook printed to PDF by LibreOffice Calc (its page set-up, print titles and footers applied). */
export function xlsxToPdf(dir: string, name: string, bytes: Uint8Array): Uint8Array {
  return convert(dir, { [name]: bytes }, ["--convert-to", "pdf"], ".pdf")[name.replace(/\.xlsx$/, ".pdf")];
}
