// Plan 157's template with every id a careless core would write by hand renamed: the template
// id, the phase-total period, the report kinds, the appendices and the measures. Suites run
// over it to prove the carriers read ids from the template (issue 14), not from plan 157.
import { getTemplate, type ColumnNode, type FigureTree, type Template } from "../../domain";

export const RENAMED = {
  template: "kh-doi-ten",
  total: "ca-giai-doan",
  kinds: { plan: "du-toan", execution: "quyet-toan" } as Record<string, string>,
  appendices: { PL01: "BIEU-A", PL02: "BIEU-B", PL03: "BIEU-C" } as Record<string, string>,
  measures: { quantity: "so-luong", NSTW: "trung-uong", NSDP: "dia-phuong" } as Record<string, string>,
};

const rename = (map: Record<string, string>, id: string) => map[id] ?? id;

function renameColumn(node: ColumnNode): ColumnNode {
  const out: ColumnNode = { ...node };
  if (node.measure) out.measure = rename(RENAMED.measures, node.measure);
  if (node.period === "total") out.period = RENAMED.total;
  if (node.children) out.children = node.children.map(renameColumn);
  return out;
}

function renameTree(tree: FigureTree): FigureTree {
  const out: FigureTree = {};
  for (const [a, items] of Object.entries(tree)) {
    const ra = (out[rename(RENAMED.appendices, a)] = {} as FigureTree[string]);
    for (const [i, measures] of Object.entries(items)) {
      const ri = (ra[i] = {} as FigureTree[string][string]);
      for (const [m, periods] of Object.entries(measures)) {
        const rm = (ri[rename(RENAMED.measures, m)] = {} as Record<string, number | string>);
        for (const [p, v] of Object.entries(periods)) rm[p === "total" ? RENAMED.total : p] = v;
      }
    }
  }
  return out;
}

/** A fresh copy each call (callers may change it). */
export function renamedTemplate(): Template {
  const base = structuredClone(getTemplate("kh-157-2023")!);
  return {
    ...base,
    id: RENAMED.template,
    name: `${base.name} (mẫu đổi mã để kiểm thử)`,
    periods: base.periods.map((p) => (p.total ? { ...p, id: RENAMED.total } : p)),
    measures: base.measures.map((m) => ({ ...m, id: rename(RENAMED.measures, m.id) })),
    kinds: base.kinds.map((k) => ({ ...k, id: rename(RENAMED.kinds, k.id) })),
    appendices: base.appendices.map((a) => ({
      ...a,
      id: rename(RENAMED.appendices, a.id),
      items: a.items.map((i) =>
        i.measures ? { ...i, measures: i.measures.map((m) => rename(RENAMED.measures, m)) } : i,
      ),
      totalRow: { ...a.totalRow, measures: a.totalRow.measures.map((m) => rename(RENAMED.measures, m)) },
      columns: a.columns.map(renameColumn),
    })),
    plan: base.plan ? renameTree(base.plan) : undefined,
  };
}

/** A figure tree written for plan 157 (PL01, NSTW, "total"…) in the renamed template's ids. */
export function toRenamedTree(tree: FigureTree): FigureTree {
  return renameTree(tree);
}
