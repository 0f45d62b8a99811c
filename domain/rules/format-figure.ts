import { formatCountVi, formatMoneyVi } from "../numbers/format";
import type { Measure, Template } from "../template/model";

/** A checked figure as people read it: "1.209,915" (money) or "480" (count). */
export function formatFigure(template: Template, measure: Measure | undefined, value: number | undefined): string {
  if (value === undefined) return "(trống)";
  return measure?.kind === "money" ? formatMoneyVi(value, template.money) : formatCountVi(value);
}
