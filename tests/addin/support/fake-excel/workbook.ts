// The state behind the in-memory Excel: sheets of cells with values, formulas and formats,
// merges, widths, frozen panes, data validation, notes, settings and the selection. It knows
// just enough of Excel to catch adapter mistakes: text typed into a General cell that looks
// like a number becomes a number ("1." → 1), "=…" becomes a formula, SUM formulas evaluate
// when Excel would calculate them (not in Manual mode, not after suspended API writes), sheet
// names follow Excel's rules, and a host profile says which ExcelApi sets exist.
// This file holds the workbook (FakeWorkbook) and its Office.js object (context.workbook); a
// sheet's cells are in worksheet.ts, the settings in settings.ts.
// No Node imports: the browser test bundles it into the page.
import { type Box, colName, parseBox } from "./address";
import type { FakeContext } from "./context";
import { FakeExcelError } from "./errors";
import { NoteCollectionProxy } from "./notes";
import { sheetNameProblem } from "./rules";
import { FakeDocumentSettings, SettingCollectionProxy } from "./settings";
import { type FakeCell, FakeSheet, type Scalar } from "./worksheet";
import { WorksheetCollectionProxy } from "./worksheet-collection";

export class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  readonly settings = new Map<string, unknown>();
  /** The highest ExcelApi 1.x set this Excel supports (a host profile). */
  api = 20;
  /** Application.calculationMode. */
  calculationMode: "Automatic" | "AutomaticExceptTables" | "Manual" = "Automatic";
  /** A cell the person is still typing in (Excel is in cell-edit mode), or null. */
  editing: { sheet: string; address: string; text: string } | null = null;
  readonly documentSettings = new FakeDocumentSettings(this);
  selection: { sheet: string; address: string } | null = null;
  activeSheet: string | null = null;
  /** context.sync() calls across every context of this workbook. */
  syncs = 0;
  /** Whether the last sync ran with API calculation suspended. */
  calculationSuspended = false;

  constructor(sheetNames: string[] = ["Sheet1"]) {
    for (const name of sheetNames) this.addSheet(name);
    this.activeSheet = sheetNames[0] ?? null;
  }

  sheet(name: string): FakeSheet | undefined {
    const key = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === key);
  }

  addSheet(name: string): FakeSheet {
    const problem = sheetNameProblem(name);
    if (problem) throw new FakeExcelError("InvalidArgument", `bad sheet name "${name}": ${problem}`);
    if (this.sheet(name)) throw new FakeExcelError("ItemAlreadyExists", `sheet "${name}" exists`);
    const s = new FakeSheet(this, name);
    this.sheets.push(s);
    return s;
  }

  removeSheet(sheet: FakeSheet): void {
    const i = this.sheets.indexOf(sheet);
    if (i >= 0) this.sheets.splice(i, 1);
  }

  private at(sheet: string, address: string): { s: FakeSheet; b: Box } {
    const s = this.sheet(sheet);
    if (!s) throw new FakeExcelError("ItemNotFound", `no sheet ${sheet}`);
    return { s, b: parseBox(address) };
  }

  /** Types into a cell as a person would ("12", "abc", 1.5); Automatic mode recalculates. */
  type(sheet: string, address: string, input: Scalar | null): void {
    const { s, b } = this.at(sheet, address);
    s.enter(b.row, b.col, input);
    this.afterChange();
  }

  /** Starts typing into a cell without finishing it (Excel enters cell-edit mode). */
  startEditing(sheet: string, address: string, text: string): void {
    this.at(sheet, address);
    this.editing = { sheet, address, text };
  }

  /** The person presses Enter: the cell takes the text and cell-edit mode ends. */
  finishEditing(): void {
    const e = this.editing;
    this.editing = null;
    if (e) this.type(e.sheet, e.address, e.text);
  }

  /** Excel recalculates after a change in Automatic mode (not formulas left stale by suspension). */
  afterChange(): void {
    if (this.calculationMode !== "Manual") for (const s of this.sheets) s.calculate(false);
  }

  /** Application.calculate / Worksheet.calculate: every formula, stale ones included. */
  calculate(sheet?: FakeSheet): void {
    for (const s of sheet ? [sheet] : this.sheets) s.calculate(true);
  }

  value(sheet: string, address: string): Scalar {
    const { s, b } = this.at(sheet, address);
    return s.valueAt(b.row, b.col);
  }

  formula(sheet: string, address: string): Scalar {
    const { s, b } = this.at(sheet, address);
    return s.formulaAt(b.row, b.col);
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const { s, b } = this.at(sheet, address);
    return s.cell(b.row, b.col);
  }

  note(sheet: string, address: string): string | undefined {
    return this.sheet(sheet)?.notes.get(address.toUpperCase());
  }

  /** Every cell with a fill colour, as "PL01!H8". */
  filledCells(): string[] {
    const out: string[] = [];
    for (const s of this.sheets) {
      for (const [key, c] of s.cells) {
        if (!c.fill) continue;
        const [r, col] = key.split(",").map(Number);
        out.push(`${s.name}!${colName(col)}${r + 1}`);
      }
    }
    return out.sort();
  }

  /** Every note, as "PL01!H8" → text. */
  allNotes(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const s of this.sheets) for (const [addr, text] of s.notes) out[`${s.name}!${addr}`] = text;
    return out;
  }
}

export class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly settings: SettingCollectionProxy;
  readonly notes: NoteCollectionProxy;
  constructor(readonly context: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.settings = new SettingCollectionProxy(context);
    this.notes = new NoteCollectionProxy(context, null);
  }
}
