// What tests and tools may use from the add-in: the Excel adapter (functions taking an
// Excel.RequestContext) and the client for the Worker's API. The pane itself (addin/ui) is an
// entry point bundled by scripts/build-pane.mjs, not a library.
export * from "./excel";
export * from "./api";
