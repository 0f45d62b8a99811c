// Gnumeric as a producer: ssconvert opens a workbook, recalculates it (so the formula results
// saved are Gnumeric's own) and writes it with Gnumeric's exporters, as .xlsx (ISO/IEC 29500)
// or as .ods.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { onPath, run } from "./tools";

export const SSCONVERT = onPath("ssconvert");

const EXPORTER = { xlsx: "Gnumeric_Excel:xlsx2", ods: "Gnumeric_OpenCalc:odf" } as const;

export async function ssconvert(dir: string, name: string, input: Uint8Array, to: "xlsx" | "ods"): Promise<Uint8Array> {
  if (!SSCONVERT) throw new Error("ssconvert not found");
  const from = join(dir, `${name}.in.xlsx`);
  const out = join(dir, `${name}.${to}`);
  writeFileSync(from, input);
  await run(SSCONVERT, ["--recalc", "-T", EXPORTER[to], from, out]);
  return new Uint8Array(readFileSync(out));
}
