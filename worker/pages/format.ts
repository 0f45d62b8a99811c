// Display helpers of the pages: percentages and short check codes. Figures, dates, times and
// the template's names for kinds, measures and periods come from the domain (one wording for
// the pages, the pane and the files): dates day first, times in Vietnam time.
import { groupVi } from "../../domain";

export {
  formatFigure,
  formatVietnamDate,
  formatVietnamTime,
  kindLabel,
  measureLabel,
  moneyUnitLabel,
  periodLabel,
} from "../../domain";

/** 100 → "100 %", 99.5 → "99,5 %". */
export function formatPercent(percent: number): string {
  return `${groupVi(String(Math.round(percent * 10) / 10))} %`;
}

/** The first 12 characters of a SHA-256: enough for a person to compare two copies. */
export function checkCode(sha256: string): string {
  return sha256.slice(0, 12);
}
