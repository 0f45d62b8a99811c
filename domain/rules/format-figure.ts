import { formatCountVi, formatMoneyVi } from "../numbers/format";
import { lookup } from "../template/lookup";
import type { Measure, Template } from "../template/model";

/**
 * A checked figure as people read it: "1.209,915" (money, in the template's unit) or "480"
 * (count). The measure is given as the template's record or its id.
 */
export function formatFigure(
  template: Template,
  measure: Measure | string | undefined,
  value: number | undefined,
): string {
  if (value === undefined) return "(trống)";
  const m = typeof measure === "string" ? lookup(template).measure(measure) : measure;
  return m?.kind === "money" ? formatMoneyVi(value, template.money) : formatCountVi(value);
}
