// What the add-in, the Worker and the tests may use from the domain. Nothing here imports
// Office.js, Workers, Hono or Node.
export type {
  Appendix,
  ColumnNode,
  FigureTree,
  Item,
  Kind,
  Measure,
  MeasureKind,
  NoteTree,
  Period,
  PrintSettings,
  Signer,
  Template,
} from "./template/model";
export { DEFAULT_TEMPLATE_ID, getTemplate, listTemplates } from "./template/registry";
export { checkTemplate, templateProblems } from "./template/check";
export {
  TEMPLATE_PROBLEMS,
  type TemplateProblem,
  type TemplateProblemCode,
  templateProblemText,
} from "./template/problems";
export { appendixMeasures, lookup, type TemplateLookup, totalPeriodId } from "./template/lookup";
export { type ItemRow, itemIds, itemRows, leafRows, topLevelIds } from "./template/rows";
export { kindLabel, measureLabel, moneyUnitLabel, periodLabel } from "./template/labels";
export {
  findAppendix,
  headerCells,
  headerDepth,
  leafColumns,
  printedPosition,
  PRINTED_HEADER_TOP,
} from "./template/layout";
export type { HeaderCell, LeafColumn } from "./template/layout";

export { type Decimal, decimalFromNumber, decimalToString, parseDecimal } from "./money/decimal";
export { addExact, dongToDecimalString, moneyFromString, type MoneyUnit } from "./money/money";
export { parseNumberText, type NumberLocale, type TextNumber } from "./numbers/parse-text";
export { formatCountVi, formatMoneyVi, groupVi } from "./numbers/format";
export { foldKey, nfc, sttKey } from "./text/normalize";
export { formatVietnamDate, formatVietnamTime, parseVietnamDate } from "./text/time";
export { detectLegacyEncoding, type LegacyEncoding } from "./text/legacy";

export type { CellRange, CellValue, Grid } from "./grid/model";
export { a1, columnIndex, columnName, parseA1, sheetCell } from "./grid/address";
export { readAppendixGrid } from "./grid/read";
export { readWorkbook, sheetMatches } from "./grid/read-workbook";
export {
  DEFAULT_PAGE,
  DEFAULT_PRINT,
  PAGE_FOOTER,
  dateLine,
  printAppendix,
  printSettings,
  type CellStyle,
  type PageSetup,
  type PrintedSheet,
  type PrintOptions,
} from "./grid/print";

export { interpolate, isLanguage, type Language, LANGUAGES, type Params } from "./text/interpolate";
export * from "./contract/vocabulary";
export type * from "./contract/api";

export { CATALOGUE, isIssueCode, type IssueCode, renderMessage, type Severity } from "./rules/catalogue";
export { type IssueLike, issueText } from "./rules/issue-text";
export { placeText, sortIssues } from "./rules/issue-place";
export { type Issue, issue, type Location, toReport, type ValidationReport } from "./rules/issue";
export { DomainError } from "./rules/domain-error";
export { completeTotals } from "./rules/totals";
export { formatFigure } from "./rules/format-figure";

export { type Entry, type Figures, getFigure, setFigure, TOTAL_ROW } from "./submission/model";
export { entriesFromJson } from "./submission/from-json";
export { canonicalJson, figuresFromTree, toFigureTree } from "./submission/canonical";
export {
  canonicalNotes,
  checkNotes,
  cleanNote,
  NOTE_MAX,
  type NoteEntry,
  noteColumn,
  noteOf,
  notePosition,
  notesFromJson,
  storedNotes,
} from "./submission/notes";
export {
  evaluate,
  type EvaluateOptions,
  type Evaluation,
  planFigures,
  validateJsonAppendices,
  validateWorkbook,
} from "./validate";

export { sumFigures } from "./consolidate/sum";
export { sumTrees } from "./consolidate/sum-trees";
export { compareWithPlan, type Comparison, type ComparisonTree } from "./consolidate/compare";
