// The consolidated figures as one table people read (decision 0020): a row per appendix, item
// (and "Tổng cộng"), measure and period, in the template's order and words; the consolidated
// figure, the province plan and the % of plan the dashboard shows; then one column per included
// unit, named by its name and code. The people's CSV (`format=csv-vi`) and the workbook's
// breakdown sheet are this table.
import {
  appendixMeasures,
  type CellValue,
  type FigureTree,
  kindLabel,
  measureLabel,
  moneyUnitLabel,
  periodLabel,
  type Template,
  TOTAL_ROW,
  itemRows,
} from "../../domain";
import type { ConsolidatedReport, Consolidation } from "./consolidate";

/** A unit's figures and its name, for its column. */
export interface UnitColumn {
  unit: string;
  name: string;
  version: number;
  tree: FigureTree;
}

export interface BreakdownRow {
  cells: CellValue[];
  /** The measure's kind, for the number format of the figure cells. */
  measure: string;
  total: boolean;
}

export interface Breakdown {
  header: string[];
  /** Indexes of the columns holding figures (consolidated, plan, each unit) and of the % of plan. */
  figureColumns: number[];
  percentColumn: number;
  rows: BreakdownRow[];
}

/** "Huyện Trần Đề (951) – phiên bản 2": how a unit is named wherever a person reads it. */
export function unitTitle(name: string | undefined, code: string): string {
  return name && name !== code ? `${name} (${code})` : code;
}

/** The included units in report order, each with its name and figures. */
export function unitColumns(consolidation: Consolidation, names: Map<string, string>): UnitColumn[] {
  return consolidation.perUnit.map((u) => ({ ...u, name: names.get(u.unit) ?? u.unit }));
}

const num = (v: string | number | undefined): number | null => (v === undefined ? null : Number(v));

export function breakdown(template: Template, report: ConsolidatedReport, units: UnitColumn[]): Breakdown {
  const kind = kindLabel(template, report.kind, "vi").toLowerCase();
  const header = [
    "Phụ lục",
    "STT",
    "Nội dung",
    "Đơn vị tính",
    "Chỉ tiêu",
    "Kỳ",
    `Tổng hợp ${kind}`,
    "Kế hoạch của tỉnh",
    "% so với kế hoạch",
    ...units.map((u) => `${unitTitle(u.name, u.unit)} – phiên bản ${u.version}`),
  ];
  const rows: BreakdownRow[] = [];
  const money = moneyUnitLabel(template, "vi");
  for (const appendix of template.appendices) {
    const items = [
      ...itemRows(appendix).map(({ item: i }) => ({ id: i.id, stt: i.stt, label: i.label, unit: i.unit ?? "" })),
      { id: TOTAL_ROW, stt: "", label: appendix.totalRow.label, unit: "" },
    ];
    for (const item of items) {
      for (const m of appendixMeasures(template, appendix)) {
        for (const p of template.periods) {
          const at = (tree: FigureTree | null | undefined) => tree?.[appendix.id]?.[item.id]?.[m.id]?.[p.id];
          const value = at(report.appendices);
          const plan = at(report.plan);
          if (value === undefined && plan === undefined) continue;
          const percent = report.percentOfPlan[appendix.id]?.[item.id]?.[m.id]?.[p.id];
          rows.push({
            measure: m.id,
            total: item.id === TOTAL_ROW,
            cells: [
              appendix.heading,
              item.stt,
              item.label,
              m.kind === "money" ? money : item.unit,
              measureLabel(template, m.id, "vi"),
              periodLabel(template, p.id, "vi"),
              num(value),
              num(plan),
              percent ?? null,
              ...units.map((u) => num(at(u.tree))),
            ],
          });
        }
      }
    }
  }
  return {
    header,
    figureColumns: [6, 7, ...units.map((_, k) => 9 + k)],
    percentColumn: 8,
    rows,
  };
}
