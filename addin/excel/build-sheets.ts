// "Tạo mẫu": the template's appendix sheets, exactly as printed. Sheets already named like an
// appendix are kept under a new name, so nothing typed is lost. Round trips: the sheet names;
// the bulk write (API calculation suspended where the host can, ExcelApi 1.6); and then, only
// after a suspended write, calculating the new sheets — Microsoft: after
// suspendApiCalculationUntilNextSync "it is the developer's responsibility to re-calc the
// workbook", otherwise the SUM totals read back stale.
import { type Figures, type Language, printAppendix, sheetMatches, type Template } from "../../domain";
import { has, type HostOptions } from "./capabilities";
import { uniqueSheetName } from "./cell-ref";
import { type BaseVersion, BASE_KEY, MARKS_KEY, settingsAccess } from "./settings";
import { inputValidation, queueBlocks } from "./write-printed";

export interface BuildOptions extends HostOptions {
  /** Figures to fill in (a snapshot loaded from history); blank input cells otherwise. */
  figures?: Figures;
  /** A line under the title, e.g. the unit and version. */
  subtitle?: string;
  /** The server version these sheets start from (kept in the workbook for baseVersion). */
  base?: BaseVersion | null;
  /** Suffix for the new name of sheets that are in the way ("cũ" → "PL01 (cũ)"). */
  oldSuffix?: string;
  /** Landscape printing (ExcelApi 1.9); on by default where the host has it. */
  pageLayout?: boolean;
  /** The language of the input cells' alerts (the pane's); Vietnamese by default. */
  lang?: Language;
}

export interface BuildResult {
  sheets: string[];
  renamed: { from: string; to: string }[];
}

export async function buildSheets(
  context: Excel.RequestContext,
  template: Template,
  opts: BuildOptions = {},
): Promise<BuildResult> {
  const worksheets = context.workbook.worksheets;
  worksheets.load("items/name");
  await context.sync();

  const taken = new Set(worksheets.items.map((s) => s.name));
  const renamed: BuildResult["renamed"] = [];
  for (const sheet of worksheets.items) {
    const appendix = template.appendices.find((a) => sheetMatches(sheet.name, a));
    if (!appendix) continue;
    const to = uniqueSheetName(`${sheet.name} (${opts.oldSuffix ?? "cũ"})`, [
      ...taken,
      ...template.appendices.map((a) => a.id),
    ]);
    taken.add(to);
    renamed.push({ from: sheet.name, to });
    sheet.name = to;
  }

  const suspended = has(opts.caps, "suspendCalculation");
  if (suspended) context.application.suspendApiCalculationUntilNextSync();
  const created: Excel.Worksheet[] = [];
  const validation = inputValidation(template, opts.lang ?? "vi");
  for (const appendix of template.appendices) {
    const sheet = worksheets.add(appendix.id);
    const printed = printAppendix(template, appendix, {
      formulas: true,
      figures: opts.figures,
      subtitle: opts.subtitle,
    });
    const write = { validation, freeze: true, pageLayout: opts.pageLayout, caps: opts.caps };
    queueBlocks(sheet, [{ printed, top: 0 }], write);
    created.push(sheet);
  }
  created[0]?.activate();
  created[0]?.getRange("A1").select();
  // New sheets carry no marks; the base travels with the figures.
  const settings = settingsAccess(opts);
  settings.write(context, MARKS_KEY, []);
  if (opts.base !== undefined) settings.write(context, BASE_KEY, opts.base);
  await context.sync();
  if (suspended) {
    for (const sheet of created) sheet.calculate(true);
    await context.sync();
  }
  await settings.flush();
  return { sheets: template.appendices.map((a) => a.id), renamed };
}
