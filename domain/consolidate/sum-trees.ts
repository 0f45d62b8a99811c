// Consolidation straight from canonical trees: every snapshot is added into one flat array
// laid out by the template, instead of being rebuilt as nested objects first. Same result as
// sumFigures(trees.map(figuresFromTree)), at a fraction of the allocation (see BENCH.md).
import { DomainError } from "../rules/domain-error";
import type { FigureTree, Template } from "../template/model";
import { appendixMeasures } from "../template/lookup";
import { itemIds } from "../template/rows";
import { type Figures, setFigure, TOTAL_ROW } from "../submission/model";

const CANONICAL_MONEY = /^\d{1,9}(\.\d{1,6})?$/;

interface Layout {
  /** appendix → item → measure → period → slot */
  slots: Record<string, Record<string, Record<string, Record<string, number>>>>;
  keys: [string, string, string, string][];
  money: Set<string>;
}

const layouts = new WeakMap<Template, Layout>();

function layoutOf(template: Template): Layout {
  let layout = layouts.get(template);
  if (layout) return layout;
  layout = {
    slots: {},
    keys: [],
    money: new Set(template.measures.filter((m) => m.kind === "money").map((m) => m.id)),
  };
  for (const a of template.appendices) {
    for (const i of [...itemIds(a), TOTAL_ROW]) {
      for (const m of appendixMeasures(template, a)) {
        for (const p of template.periods) {
          (((layout.slots[a.id] ??= {})[i] ??= {})[m.id] ??= {})[p.id] = layout.keys.length;
          layout.keys.push([a.id, i, m.id, p.id]);
        }
      }
    }
  }
  layouts.set(template, layout);
  return layout;
}

export function sumTrees(template: Template, trees: FigureTree[]): Figures {
  const acc = new Accumulator(template);
  for (const tree of trees) acc.addTree(tree);
  return acc.figures();
}

/**
 * A running sum laid out by one template: canonical trees (checked as sumTrees checks them) and
 * packed figures (packTree of the same template version) add into the same flat array.
 */
export class Accumulator {
  private readonly layout: Layout;
  private readonly scale: number;
  readonly sums: Float64Array;
  readonly present: Uint8Array;

  constructor(readonly template: Template) {
    this.layout = layoutOf(template);
    this.scale = template.money.dongPerUnit;
    this.sums = new Float64Array(this.layout.keys.length);
    this.present = new Uint8Array(this.layout.keys.length);
  }

  addTree(tree: FigureTree): void {
    const { slots, money } = this.layout;
    const { sums, present, scale } = this;
    for (const a in tree) {
      const items = tree[a];
      for (const i in items) {
        const measures = items[i];
        for (const m in measures) {
          const periods = measures[m];
          const isMoney = money.has(m);
          for (const p in periods) {
            const slot = slots[a]?.[i]?.[m]?.[p];
            if (slot === undefined) throw new DomainError("TREE_SHAPE", `unknown cell ${a}/${i}/${m}/${p}`);
            const v = periods[p];
            let n: number;
            if (isMoney) {
              const text = String(v);
              if (!CANONICAL_MONEY.test(text)) throw new DomainError("MONEY_FORMAT", `not canonical money: ${text}`);
              n = Math.round(Number(text) * scale);
            } else {
              n = Number(v);
            }
            sums[slot] += n;
            present[slot] = 1;
          }
        }
      }
    }
  }

  /** Adds figures packed by packTree with this accumulator's template (slot, value, slot, value, …). */
  addPacked(packed: readonly number[]): void {
    const { sums, present } = this;
    const n = sums.length;
    if (packed.length % 2) throw new DomainError("TREE_SHAPE", "packed figures of odd length");
    for (let k = 0; k < packed.length; k += 2) {
      const slot = packed[k];
      const v = packed[k + 1];
      if (!(slot >= 0 && slot < n && Number.isInteger(slot)) || typeof v !== "number" || !Number.isFinite(v))
        throw new DomainError("TREE_SHAPE", `packed figure out of layout: ${slot}`);
      sums[slot] += v;
      present[slot] = 1;
    }
  }

  figures(): Figures {
    const { keys } = this.layout;
    const { sums, present } = this;
    const out: Figures = {};
    for (let k = 0; k < keys.length; k++) {
      if (!present[k]) continue;
      // Figures are non-negative, so a sum past the exact range stays past it: one check suffices.
      if (!Number.isSafeInteger(sums[k])) throw new DomainError("OVERFLOW", "sum exceeds exact integer range");
      const [a, i, m, p] = keys[k];
      setFigure(out, a, i, m, p, sums[k]);
    }
    return out;
  }
}

/**
 * One snapshot's figures in the template's layout as a flat list (slot, value, slot, value, …),
 * money in integer đồng: what consolidation adds without parsing the canonical tree again. Only
 * valid with the same template version (the layout is that version's).
 */
export function packTree(template: Template, tree: FigureTree): number[] {
  const acc = new Accumulator(template);
  acc.addTree(tree);
  const out: number[] = [];
  for (let k = 0; k < acc.sums.length; k++) if (acc.present[k]) out.push(k, acc.sums[k]);
  return out;
}

/** The figures of one packed snapshot (a unit's own line in the exports' breakdown). */
export function unpackFigures(template: Template, packed: readonly number[]): Figures {
  const acc = new Accumulator(template);
  acc.addPacked(packed);
  return acc.figures();
}
