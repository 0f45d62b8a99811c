// Display helpers of the pages: percentages, Vietnam time, short hashes. Figures and the
// template's names for kinds, measures and periods come from the domain (one wording for the
// pages, the pane and the files).
import { groupVi } from "../../domain";

export { formatFigure, kindLabel, measureLabel, moneyUnitLabel, periodLabel } from "../../domain";

/** 100 → "100 %", 99.5 → "99,5 %". */
export function formatPercent(percent: number): string {
  return `${groupVi(String(Math.round(percent * 10) / 10))} %`;
}

const VIETNAM_OFFSET_MS = 7 * 3600 * 1000; // GMT+7 all year

/** "2025-11-26T06:20:00Z" → "26/11/2025 13:20" (Vietnam time). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return "";
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, "0");
  const day = `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
  return `${day} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** "2025-11-26" → "26/11/2025". */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}
