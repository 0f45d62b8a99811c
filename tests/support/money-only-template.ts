// Plan 157's template with PL03 made money-only (issue 16): its quantity columns dropped and
// `measures: ["NSTW", "NSDP"]`, its plan without quantities. Shared by the domain and Worker tests.
import { type ColumnNode, type FigureTree, getTemplate, type Template } from "../../domain";

export const MONEY_ONLY = "PL03";

function withoutQuantity(nodes: ColumnNode[]): ColumnNode[] {
  return nodes
    .filter((n) => n.measure !== "quantity")
    .map((n) => (n.children ? { ...n, children: withoutQuantity(n.children) } : n));
}

/** A figure tree without PL03's quantities (a copy). */
export function moneyOnlyTree(tree: FigureTree): FigureTree {
  const out = structuredClone(tree);
  for (const item of Object.values(out[MONEY_ONLY] ?? {})) delete item.quantity;
  return out;
}

export function moneyOnlyTemplate(id = "kh-157-money-only"): Template {
  const t = structuredClone(getTemplate("kh-157-2023")!) as Template;
  t.id = id;
  const a = t.appendices.find((x) => x.id === MONEY_ONLY)!;
  a.measures = ["NSTW", "NSDP"];
  a.columns = withoutQuantity(a.columns);
  if (t.plan) t.plan = moneyOnlyTree(t.plan);
  return t;
}
