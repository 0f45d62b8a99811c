// Types for template-schema.mjs (plain ESM: run with node, imported by tests/domain/template-schema.test.ts).
export const SCHEMA_FILE: string;
export const DOC_FILE: string;
/** The text of docs/template.schema.json and docs/templates.md as the script writes them, by file. */
export function wanted(): Promise<Record<string, string>>;
