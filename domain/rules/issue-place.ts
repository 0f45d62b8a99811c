// Where an issue is, in the words of the printed form rather than ids: "Mục 1. Bản tin — NSTW
// năm 2023". And the order people read a report in: sheet by sheet as the template prints
// them, top to bottom, left to right.
import { parseA1 } from "../grid/address";
import { TOTAL_ROW } from "../submission/model";
import { lookup } from "../template/lookup";
import type { Template } from "../template/model";
import type { Language } from "../text/interpolate";
import type { Location } from "./issue";

/** Longest item label quoted in a place; the rest is cut at a word with "…". */
const LABEL_MAX = 40;

/** An item's label as a short name: without its explanation in brackets, cut at a word. */
function shorten(label: string): string {
  const bracket = label.indexOf(" (");
  const text = bracket >= 3 ? label.slice(0, bracket) : label;
  if (text.length <= LABEL_MAX) return text;
  const cut = text.slice(0, LABEL_MAX);
  const space = cut.lastIndexOf(" ");
  return `${(space > LABEL_MAX / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(–-]+$/, "")}…`;
}

/** "Năm 2023" → "năm 2023" in the middle of a phrase; ids and abbreviations stay as they are. */
function lowerFirst(text: string): string {
  return /^\p{Lu}\p{Ll}/u.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

/** The item, measure and period of an issue in words; "" when the issue names none of them. */
export function placeText(template: Template, at: Location, lang: Language = "vi"): string {
  const t = lookup(template);
  const appendix = at.appendix ? t.appendix(at.appendix) : undefined;
  const parts: string[] = [];
  if (appendix && at.item) {
    const item = at.item === TOTAL_ROW ? undefined : t.item(appendix.id, at.item);
    if (at.item === TOTAL_ROW) parts.push(appendix.totalRow.label);
    else if (item)
      parts.push(`${lang === "en" ? "Item" : "Mục"} ${item.stt} ${shorten(item.label)}`.replace(/\s+/g, " "));
  }
  const measure = at.measure ? t.measure(at.measure) : undefined;
  const period = at.period ? t.period(at.period) : undefined;
  const figure = [
    measure ? (lang === "en" ? (measure.en ?? measure.short ?? measure.label) : (measure.short ?? measure.label)) : "",
    period ? lowerFirst(lang === "en" ? (period.en ?? period.label) : period.label) : "",
  ]
    .filter(Boolean)
    .join(" ");
  if (figure) parts.push(figure);
  return parts.join(" — ");
}

interface Placed extends Location {
  cell?: string | null;
}

/**
 * Issues in reading order: by the template's order of sheets (issues naming no sheet first,
 * unknown sheets last), then row and column of the cell; issues of a sheet without a cell come
 * before its cells. Stable, so issues of one cell keep their order.
 */
export function sortIssues<T extends Placed>(template: Template, issues: readonly T[]): T[] {
  const order = new Map(template.appendices.map((a, k) => [a.id, k]));
  const key = (i: T): [number, number, number] => {
    const sheet = i.appendix ? (order.get(i.appendix) ?? order.size) : -1;
    const ref = i.cell?.includes("!") ? parseA1(i.cell.slice(i.cell.lastIndexOf("!") + 1)) : null;
    return [sheet, ref ? ref.row : -1, ref ? ref.col : -1];
  };
  return issues
    .map((issue, index) => ({ issue, index, k: key(issue) }))
    .sort((x, y) => x.k[0] - y.k[0] || x.k[1] - y.k[1] || x.k[2] - y.k[2] || x.index - y.index)
    .map((x) => x.issue);
}
