// Types for make-sample.mjs (plain ESM: run with node, imported by tests/samples.test.ts).
export const SAMPLES_DIR: string;
/** The sample workbooks as { file name: bytes }, made from the template, the printed layout and the Worker's writer. */
export function makeSamples(): Promise<Record<string, Buffer>>;
/** Names of the samples in `dir` (default docs/samples) that are missing or differ from what makeSamples() makes. */
export function staleSamples(dir?: string): Promise<string[]>;
