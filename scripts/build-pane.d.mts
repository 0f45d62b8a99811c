// Types for build-pane.mjs (plain ESM so npm scripts, vitest.config.ts and tests can import it).
export type OfficeJsSetting = "cdn" | "packaged";

export interface PaneBuildOptions {
  /** Default dist/public/pane; emptied first. */
  outdir?: string;
  quiet?: boolean;
  /** Default from --office-js or OFFICE_JS, else "cdn". */
  officeJs?: OfficeJsSetting;
}

export interface PaneBuild {
  /** pane.js bytes, and gzip -9 bytes (the budget's measure). */
  raw: number;
  gzip: number;
  officeJs: OfficeJsSetting;
  /** Files in outdir (the Workers static-asset count). */
  files: number;
}

export const root: string;
export const PANE_DIR: string;
export const BUDGET_BYTES: number;
export const OFFICE_JS_CDN: string;
export const OFFICE_JS_PACKAGED: string;
export const OFFICE_JS_DIST: string;
export const ASSET_LIMITS: { files: number; fileBytes: number };

export function isOfficeJsFileForExcel(path: string): boolean;
export function officeJsSetting(args?: string[], env?: Record<string, string | undefined>): OfficeJsSetting;
/** The bundled script lowered to ES5 by TypeScript, wrapped in one function scope. */
export function lowerToEs5(script: string): string;
/** Throws unless `code` parses as ECMAScript 5. */
export function assertEs5(code: string, name?: string): void;
/** pane.js's text: bundled, lowered to ES5, minified. */
export function bundlePane(options?: { quiet?: boolean }): Promise<string>;
/** Copies Excel's share of @microsoft/office-js's dist/ into `dir`. */
export function copyOfficeJs(dir: string): { files: number; bytes: number };
export function buildPane(options?: PaneBuildOptions): Promise<PaneBuild>;
