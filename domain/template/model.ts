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
  /** Measures this item carries; all of the template's when absent. */
  measures?: string[];
}

/** A printed header cell: either a group of columns or one column bound to data. */
export interface ColumnNode {
  header: string;
  children?: ColumnNode[];
  field?: "stt" | "label" | "unit";
  measure?: string;
  period?: string;
}

export interface Appendix {
  id: string;
  heading: string;
  title: string;
  items: Item[];
  totalRow: { label: string; measures: string[] };
  columns: ColumnNode[];
  columnWidths?: number[];
}

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
  appendices: Appendix[];
  /** The province plan's own figures (without totals), for comparison and consistency checks. */
  plan?: FigureTree;
}
