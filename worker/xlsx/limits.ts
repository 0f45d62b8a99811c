// Every bound the reader enforces, in one place. The Worker has 128 MB of memory and a few
// milliseconds of CPU per request; a plan-157 workbook is about 10 KB zipped and 60 cells.
// Work is bounded by the input limits whatever the file claims: every byte handed to the XML
// reader, every cell, every character of cell text and every cell of grid area is counted
// against one budget per read (DESIGN.md, "Budgets": no hostile workbook may cost more than
// twice a legitimate one of the largest allowed size).
import { MAX_UPLOAD_BYTES } from "../limits";

export interface XlsxLimits {
  /** Size of the uploaded file itself (compressed). */
  maxUploadBytes: number;
  /** Entries in the zip's central directory. */
  maxEntries: number;
  /** Uncompressed size of any one part, declared or actual. */
  maxPartBytes: number;
  /** Uncompressed size of all parts together, as the central directory declares them. */
  maxTotalBytes: number;
  /**
   * Bytes handed to the XML reader, all parts of one read together, stored or inflated: the
   * parse work of a read. Unless given: 256 KiB plus 100 bytes for each cell allowed (about
   * 2.2 MiB for an upload's 20,000 cells), never more than MAX_XML_BYTES (5.5 MiB) or
   * `maxTotalBytes`.
   */
  maxXmlBytes: number;
  /** Sheets the workbook lists (worksheets, chart sheets and the rest). */
  maxSheets: number;
  /** Cells with a value or a formula, and merged ranges, over all sheets. */
  maxCells: number;
  /**
   * Rows × columns of the grids the sheets become, all sheets together (a lone cell at row
   * 1,000,000 is a big grid). Merged ranges are clipped to their sheet's grid.
   */
  maxGridArea: number;
  /** Characters in one string (Excel's own cell limit is 32,767). */
  maxStringLength: number;
  /**
   * Characters of text in all cells together, a shared string or shared formula counted once
   * for every cell that uses it (one long string referenced by many cells is that many times
   * the text to look at). Unless given: the same as `maxXmlBytes`.
   */
  maxTextChars: number;
}

/**
 * Bytes of XML a cell may take on average: the cell (about 40 bytes as Excel writes it), its
 * share of the shared strings, of its row and of styled empty cells around it.
 */
export const XML_BYTES_PER_CELL = 100;
/** XML every package has whatever its cells: relationships, the workbook part, sheet settings, formatting. */
export const XML_BYTES_BASE = 256 * 1024;

/**
 * The most XML one read parses, whatever the cell cap (issue 18). Reading costs what the bytes
 * cost, inflating included: on the bench machine about 7 ms per MB of formatted empty rows and
 * 9 ms per MB of figures, of which fflate's inflate is half. 5.5 MiB admits a district workbook
 * padded with 5,000 formatted empty rows per sheet (5.0 MB: what Excel saves when a whole range
 * was formatted) and keeps the largest workbook the limits admit within 50 ms of CPU (bench
 * R10). It is the XML budget of the default limits (256 KiB + 100 bytes per cell would be more).
 */
export const MAX_XML_BYTES = 5.5 * 1024 * 1024;

/**
 * What the largest real budget form needs, with a wide margin, and no more: every cell and byte
 * admitted is CPU the Worker spends on an upload. An appendix of plan 157 or of a five-year plan
 * has at most a few hundred rows and about 30 columns (a few thousand cells, three appendices
 * about 10,000); the caps admit a sheet of 2,000 rows × 30 columns of figures (or 1,000 × 60),
 * six times that. 2,000 × 60 (120,000 figures, 5 MB of XML) would take about 60 ms to read here,
 * half of it inflating, over the 50 ms the largest admitted workbook may cost. Parts are bounded
 * by their declared size before anything is inflated, and only the parts the reader needs are
 * ever inflated, those counting against the XML budget.
 */
const FIXED = {
  maxUploadBytes: MAX_UPLOAD_BYTES,
  maxEntries: 1_000,
  /** Any one part, read or not (an image, printer settings): never inflated unless read. */
  maxPartBytes: 16 * 1024 * 1024,
  maxTotalBytes: 48 * 1024 * 1024,
  maxSheets: 100,
  /** 2,000 rows × 30 columns of figures (2,000 × 60 would cost more than 50 ms to read). */
  maxCells: 60_000,
  /** Twice the cells: grids have blank cells between the figures. */
  maxGridArea: 120_000,
  maxStringLength: 32_767,
};

export function withDefaults(limits: Partial<XlsxLimits> = {}): XlsxLimits {
  const given = Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined)) as Partial<XlsxLimits>;
  const base = { ...FIXED, ...given };
  const maxXmlBytes =
    given.maxXmlBytes ??
    Math.min(base.maxTotalBytes, MAX_XML_BYTES, XML_BYTES_BASE + XML_BYTES_PER_CELL * base.maxCells);
  return { ...base, maxXmlBytes, maxTextChars: given.maxTextChars ?? maxXmlBytes };
}

export const DEFAULT_LIMITS: Readonly<XlsxLimits> = Object.freeze(withDefaults());
