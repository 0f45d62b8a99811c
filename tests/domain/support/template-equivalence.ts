// "Equivalent" for a template read back from its printed tables: what a printed table carries
// (appendix ids, headings, titles, the header tree and each column's binding, items with their
// STT, labels, units, nesting and measures, the total row, periods, measures by kind and sum,
// the money unit and the signature block), and nothing it cannot (plan figures, English labels,
// document metadata, column widths, the ids a template gives its measures: mapped by the column
// they sit in).
import { printSettings } from "../../../domain/grid/print";
import type { Appendix, ColumnNode, Item, Template } from "../../../domain/template/model";
import { leafColumns } from "../../../domain/template/layout";

/** Each of `expected`'s measure ids to the id `actual` gives the measure in the same printed column. */
export function measureMap(expected: Template, actual: Template): Map<string, string> {
  const map = new Map<string, string>();
  for (const a of expected.appendices) {
    const b = actual.appendices.find((x) => x.id === a.id);
    if (!b) continue;
    const bl = leafColumns(b);
    leafColumns(a).forEach((l, k) => {
      const other = bl[k]?.measure;
      if (!l.measure || !other) return;
      if (map.has(l.measure) && map.get(l.measure) !== other)
        throw new Error(`${a.id}: measure ${l.measure} is printed where ${map.get(l.measure)} and ${other} are read`);
      map.set(l.measure, other);
    });
  }
  return map;
}

export function templateView(t: Template, rename: (measure: string) => string = (m) => m) {
  const all = t.measures.map((m) => m.id);
  const set = (ms: string[]) => ms.map(rename).sort();
  const columns = (nodes: ColumnNode[]): unknown[] =>
    nodes.map((n) => ({
      header: n.header,
      ...(n.children ? { children: columns(n.children) } : {}),
      ...(n.field ? { field: n.field } : {}),
      ...(n.measure ? { measure: rename(n.measure), period: n.period } : {}),
    }));
  const items = (a: Appendix, list: Item[]): unknown[] =>
    list.map((i) => ({
      id: i.id,
      stt: i.stt,
      label: i.label,
      unit: i.unit ?? null,
      measures: set(i.measures ?? a.measures ?? all),
      children: items(a, i.children ?? []),
    }));
  return {
    money: { unit: t.money.unit, dongPerUnit: t.money.dongPerUnit },
    periods: t.periods.map((p) => ({ id: p.id, label: p.label, total: p.total === true })),
    measures: t.measures
      .map((m) => ({ id: rename(m.id), kind: m.kind, sumOf: m.sumOf ? set(m.sumOf) : null }))
      .sort((x, y) => x.id.localeCompare(y.id)),
    appendices: t.appendices.map((a) => ({
      id: a.id,
      heading: a.heading,
      title: a.title,
      measures: set(a.measures ?? all),
      columns: columns(a.columns),
      items: items(a, a.items),
      totalRow: { label: a.totalRow.label, measures: set(a.totalRow.measures) },
      signature: printSettings(t, a).signature ?? null,
    })),
  };
}
