// Display helpers: vi-VN numbers from the domain, Vietnam time, and the template's names for
// kinds, measures and periods in the page language (item labels are data and stay as printed).
import { formatCountVi, formatMoneyVi, groupVi, type Language, type Template } from "../../domain";

/** A figure as the printed sheet shows it: money (integer đồng) in the money unit, or a count. */
export function formatFigure(template: Template, measure: string, value: number | undefined): string {
  if (value === undefined) return "";
  const kind = template.measures.find((m) => m.id === measure)?.kind;
  return kind === "money" ? formatMoneyVi(value, template.money) : formatCountVi(value);
}

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
  return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${d.getUTCFullYear()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}`;
}

/** "2025-11-26" → "26/11/2025". */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : date;
}

export function shortHash(sha256: string): string {
  return sha256.slice(0, 12);
}

const KIND_EN: Record<string, string> = { plan: "Plan", execution: "Execution" };

export function kindLabel(template: Template, kind: string, lang: Language): string {
  if (lang === "en") return KIND_EN[kind] ?? kind;
  return template.kinds.find((k) => k.id === kind)?.label ?? kind;
}

export function measureLabel(template: Template, id: string, lang: Language): string {
  const m = template.measures.find((x) => x.id === id);
  if (!m) return id;
  if (lang === "vi") return m.short ? `${m.label} (${m.short})` : m.label;
  return m.kind === "count" ? "Quantity" : `${m.short ?? m.id} (${template.money.unit})`;
}

export function periodLabel(template: Template, id: string, lang: Language): string {
  const p = template.periods.find((x) => x.id === id);
  if (!p) return id;
  if (lang === "vi") return p.label;
  if (p.total) return `Phase ${/\d{4}\s*-\s*\d{4}/.exec(p.label)?.[0] ?? ""}`.trim();
  return p.id;
}

export function moneyUnitLabel(template: Template, lang: Language): string {
  return lang === "en" && template.money.dongPerUnit === 1_000_000 ? "million VND (triệu đồng)" : template.money.unit;
}
