// Reading a PDF's pages back with poppler-utils: pdfinfo for page sizes, pdftotext for each page's
// text. Absent programs skip the tests with a message, except on CI (CI=true) where it is a failure.
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const ON_CI = process.env.CI === "true" || process.env.CI === "1";
const has = (program: string) =>
  (process.env.PATH ?? "").split(":").some((dir) => dir && existsSync(join(dir, program)));

/** True when pdftotext and pdfinfo can run; throws on CI without them. */
export function popplerAvailable(): boolean {
  if (has("pdftotext") && has("pdfinfo")) return true;
  if (ON_CI) throw new Error("CI is set but pdftotext/pdfinfo were not found: apt-get install -y poppler-utils");
  console.warn("tests/xlsx: pdftotext not found, skipping the PDF tests (apt-get install -y poppler-utils)");
  return false;
}

export interface PdfPage {
  /** Width and height in points. */
  width: number;
  height: number;
  /** The page's text in reading order, columns kept apart (pdftotext -layout). */
  text: string;
}

/** Every page of a PDF: its size and its text. */
export function pdfPages(dir: string, pdf: Uint8Array): PdfPage[] {
  const path = join(dir, "read.pdf");
  writeFileSync(path, pdf);
  const info = execFileSync("pdfinfo", ["-f", "1", "-l", "1000", path], { encoding: "utf8" });
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => ({
    width: Number(m[1]),
    height: Number(m[2]),
  }));
  const text = execFileSync("pdftotext", ["-layout", "-enc", "UTF-8", path, "-"], { encoding: "utf8" });
  const pages = text.split("\f");
  return sizes.map((size, k) => ({ ...size, text: pages[k] ?? "" }));
}
