// The in-memory Excel the add-in's tests, the browser test's page and the bench run the adapter
// against: FakeWorkbook is the workbook (typed into and read by tests), runFake is Excel.run over
// it (FakeContext), and rules.ts quotes the documentation behind every refusal.
// No Node imports: the browser test bundles it into the page.
export { type Box, boxAddress, colIndex, colName, parseBox } from "./address";
export { type FakeRunOptions, FakeContext, runFake } from "./context";
export { FakeExcelError } from "./errors";
export { PAYLOAD_LIMIT_BYTES, sheetNameNeedsQuotes, sheetNameProblem, splitAddress } from "./rules";
export { FakeDocumentSettings } from "./settings";
export { FakeWorkbook } from "./workbook";
export { type FakeCell, FakeSheet, type FakeValidation, type Scalar } from "./worksheet";
