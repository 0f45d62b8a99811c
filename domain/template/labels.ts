// The template's names for its kinds, measures, periods and money unit in a UI language. The
// template carries an English label (`en`) beside each Vietnamese one; without it the
// Vietnamese label is shown. Item labels are data and always stay as printed.
import type { Language } from "../text/interpolate";
import { lookup } from "./lookup";
import type { Template } from "./model";

function pick(named: { label: string; en?: string }, lang: Language): string {
  return lang === "en" ? (named.en ?? named.label) : named.label;
}

export function kindLabel(template: Template, id: string, lang: Language): string {
  const kind = lookup(template).kind(id);
  return kind ? pick(kind, lang) : id;
}

export function periodLabel(template: Template, id: string, lang: Language): string {
  const period = lookup(template).period(id);
  return period ? pick(period, lang) : id;
}

export function moneyUnitLabel(template: Template, lang: Language): string {
  return lang === "en" ? (template.money.unitEn ?? template.money.unit) : template.money.unit;
}

/** "Ngân sách Trung ương (NSTW)"; in English "NSTW (triệu đồng)" for money, "Quantity" for counts. */
export function measureLabel(template: Template, id: string, lang: Language): string {
  const m = lookup(template).measure(id);
  if (!m) return id;
  if (lang === "vi") return m.short ? `${m.label} (${m.short})` : m.label;
  const name = m.en ?? m.short ?? m.label;
  return m.kind === "money" ? `${name} (${template.money.unit})` : name;
}
