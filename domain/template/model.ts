// The template: one plan's appendices as data. Everything that knows about PL01/PL02/PL03
// reads it from here; a new plan is a new JSON file of this shape, not new code.

export type MeasureKind = "count" | "money";

export interface Measure {
  id: string;
  kind: MeasureKind;
  label: string;
  /** English label; the Vietnamese one is shown when absent. */
  en?: string;
  short?: string;
  numberFormat: string;
  /**
   * A computed measure: the sum of these measures (same kind, none computed itself), e.g. "Tổng số"
   * = NSTW + NSĐP. Printed like any other; computed when a submission leaves it out, checked when given.
   */
  sumOf?: string[];
}

export interface Period {
  id: string;
  label: string;
  /** English label; the Vietnamese one is shown when absent. */
  en?: string;
  /** The phase total: the sum of every other period. */
  total?: boolean;
}

export interface Kind {
  id: string;
  label: string;
  /** English label; the Vietnamese one is shown when absent. */
  en?: string;
}

export interface Item {
  id: string;
  /** STT as printed ("1." or "1"). */
  stt: string;
  label: string;
  unit?: string;
  /** Measures this item carries; all of its appendix's when absent. */
  measures?: string[];
  /**
   * A group row ("I. Sản phẩm thông tin", "1.", "a)"): its figures are the sum of its children's
   * for every measure it carries. Any depth; item ids are unique across the whole appendix.
   */
  children?: Item[];
}

/** A printed header cell: either a group of columns or one column bound to data. */
export interface ColumnNode {
  header: string;
  children?: ColumnNode[];
  /** "note": free text per item ("Ghi chú", "Đơn vị thực hiện"), carried as `notes`, never summed. */
  field?: "stt" | "label" | "unit" | "note";
  measure?: string;
  period?: string;
}

/** A person who signs under the printed table ("Người lập biểu") and the line under the title. */
export interface Signer {
  title: string;
  /** E.g. "(Ký, ghi rõ họ tên)". */
  note?: string;
}

/** How an appendix prints: page set-up and the signature block under the table. */
export interface PrintSettings {
  orientation: "landscape" | "portrait";
  paper: "A4";
  /** Scaled to one page wide (as many pages tall as needed). */
  fitToWidth: boolean;
  /** The header rows repeated at the top of every page. */
  repeatHeader: boolean;
  /** "Trang 1/3" in the footer. */
  pageNumbers: boolean;
  signature?: {
    /** The place of the date line ("Sóc Trăng"). */
    place?: string;
    /** "…, ngày … tháng … năm …" above the signers. */
    dateLine?: boolean;
    signers: Signer[];
  };
}

export interface Appendix {
  id: string;
  heading: string;
  title: string;
  items: Item[];
  /** Measures this appendix carries (its columns, items and total row); all of the template's when absent. */
  measures?: string[];
  totalRow: { label: string; measures: string[] };
  columns: ColumnNode[];
  columnWidths?: number[];
  /** This appendix's print settings; the template's when absent. */
  print?: PrintSettings;
}

/** Free text per item, keyed appendix → item: what a "note" column holds. */
export type NoteTree = Record<string, Record<string, string>>;

/** Figures keyed appendix → item → measure → period; money as decimal strings in the money unit. */
export type FigureTree = Record<string, Record<string, Record<string, Record<string, number | string>>>>;

export interface Template {
  id: string;
  version: number;
  name: string;
  document: {
    number: string;
    issuer: string;
    date: string;
    title: string;
    attachment?: string;
    province?: { code: string; name: string };
    lead?: string;
  };
  /** unitEn: the unit in English ("million VND"); the Vietnamese unit is shown when absent. */
  money: { unit: string; unitEn?: string; dongPerUnit: number; decimals: number; max: string };
  quantityMax: number;
  periods: Period[];
  measures: Measure[];
  /** Report kinds (plan, execution…): the only kinds a submission for this template may name. */
  kinds: Kind[];
  /** Print settings of every appendix that has none of its own. */
  print?: PrintSettings;
  appendices: Appendix[];
  /** The province plan's own figures (without totals), for comparison and consistency checks. */
  plan?: FigureTree;
}
