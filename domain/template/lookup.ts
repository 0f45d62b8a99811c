// A template's parts by id, built once per template object: the rules, the printers and the
// carriers ask "which measure is NSTW", "which period is the phase total" many times per
// request, and a template is immutable once checked.
import { DomainError } from "../rules/domain-error";
import { type LeafColumn, leafColumns } from "./layout";
import type { Appendix, Item, Kind, Measure, Period, Template } from "./model";
import { type ItemRow, itemRows } from "./rows";

export interface TemplateLookup {
  /** The phase total: the one period marked `total` (checkTemplate requires exactly one). */
  totalPeriod: Period;
  /** Every period but the total, in template order. */
  years: Period[];
  measure(id: string): Measure | undefined;
  period(id: string): Period | undefined;
  kind(id: string): Kind | undefined;
  appendix(id: string): Appendix | undefined;
  /** An item at any depth of the appendix's tree. */
  item(appendix: string, id: string): Item | undefined;
  /** An item's row: its depth, group and children. */
  row(appendix: string, id: string): ItemRow | undefined;
  /** The appendix's data and text columns, left to right. */
  leaves(appendix: string): LeafColumn[];
}

const cache = new WeakMap<Template, TemplateLookup>();

function byId<T extends { id: string }>(list: readonly T[]): Map<string, T> {
  return new Map(list.map((x) => [x.id, x]));
}

export function lookup(template: Template): TemplateLookup {
  const known = cache.get(template);
  if (known) return known;
  const totals = template.periods.filter((p) => p.total);
  // A template that reached here unchecked must not be read as if it had a total.
  if (totals.length !== 1)
    throw new DomainError("TEMPLATE_INVALID", `template ${template.id} must mark exactly one period as the total`);
  const measures = byId(template.measures);
  const periods = byId(template.periods);
  const kinds = byId(template.kinds ?? []);
  const appendices = byId(template.appendices);
  const rows = new Map(
    template.appendices.map((a) => [a.id, new Map(itemRows(a).map((r) => [r.item.id, r] as const))] as const),
  );
  const leaves = new Map<string, LeafColumn[]>();
  const found: TemplateLookup = {
    totalPeriod: totals[0],
    years: template.periods.filter((p) => !p.total),
    measure: (id) => measures.get(id),
    period: (id) => periods.get(id),
    kind: (id) => kinds.get(id),
    appendix: (id) => appendices.get(id),
    item: (a, id) => rows.get(a)?.get(id)?.item,
    row: (a, id) => rows.get(a)?.get(id),
    leaves: (a) => {
      let list = leaves.get(a);
      if (!list) {
        const appendix = appendices.get(a);
        list = appendix ? leafColumns(appendix) : [];
        leaves.set(a, list);
      }
      return list;
    },
  };
  cache.set(template, found);
  return found;
}

/** The measures an appendix carries, in template order: its own `measures`, or all of the template's. */
export function appendixMeasures(template: Template, appendix: Appendix): Measure[] {
  if (!appendix.measures) return template.measures;
  const own = new Set(appendix.measures);
  return template.measures.filter((m) => own.has(m.id));
}

/** The id of the template's phase-total period (not necessarily "total"). */
export function totalPeriodId(template: Template): string {
  return lookup(template).totalPeriod.id;
}
