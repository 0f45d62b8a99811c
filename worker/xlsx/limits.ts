// Every bound the reader enforces, in one place. The Worker has 128 MB of memory and a few
// milliseconds of CPU per request; a plan-157 workbook is about 10 KB zipped and 60 cells.

export interface XlsxLimits {
  /** Size of the uploaded file itself (compressed). */
  maxUploadBytes: number;
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Uncompressed size of any one part, declared or actual. */
  maxPartBytes: number;
  /** Uncompressed size of all parts together (declared), and of all parts read (actual). */
  maxTotalBytes: number;
  /** Cells with a value or a formula, over all sheets. */
  maxCells: number;
  /** Rows × columns of the grid a sheet becomes (a lone cell at row 1,000,000 is a big grid). */
  maxGridArea: number;
  /** Characters in one string (Excel's own cell limit is 32,767). */
  maxStringLength: number;
}

export const DEFAULT_LIMITS: Readonly<XlsxLimits> = Object.freeze({
  maxUploadBytes: 10 * 1024 * 1024,
  maxEntries: 1_000,
  maxPartBytes: 16 * 1024 * 1024,
  maxTotalBytes: 48 * 1024 * 1024,
  maxCells: 200_000,
  maxGridArea: 2_000_000,
  maxStringLength: 32_767,
});

export function withDefaults(limits: Partial<XlsxLimits> = {}): XlsxLimits {
  return { ...DEFAULT_LIMITS, ...limits };
}
