// An appendix's item rows as printed: the item tree of a nested form ("I." → "1." → "a)")
// flattened in reading order, each row knowing its depth, its group and its children. Every
// carrier prints, reads, sums and lists rows from here, so a nested form is not special anywhere.
import type { Appendix, Item } from "./model";

export interface ItemRow {
  item: Item;
  /** 0 for a top-level item. */
  depth: number;
  /** The id of the group this row belongs to, or null at the top level. */
  parent: string | null;
  /** The ids of this row's children (empty for a leaf). */
  children: string[];
  /** A group row: its figures are the sum of its children's. */
  group: boolean;
}

const cache = new WeakMap<Appendix, ItemRow[]>();

/** Every item row of an appendix, groups before their children, in printed order (not the total row). */
export function itemRows(appendix: Appendix): ItemRow[] {
  const known = cache.get(appendix);
  if (known) return known;
  const rows: ItemRow[] = [];
  const walk = (items: Item[], depth: number, parent: string | null) => {
    for (const item of items) {
      const children = item.children ?? [];
      rows.push({ item, depth, parent, children: children.map((c) => c.id), group: children.length > 0 });
      walk(children, depth + 1, item.id);
    }
  };
  walk(appendix.items, 0, null);
  cache.set(appendix, rows);
  return rows;
}

/** The ids of every item row, in printed order (groups and leaves, not the total row). */
export function itemIds(appendix: Appendix): string[] {
  return itemRows(appendix).map((r) => r.item.id);
}

/** The rows a submission gives figures for: the leaves (groups are their sums). */
export function leafRows(appendix: Appendix): ItemRow[] {
  return itemRows(appendix).filter((r) => !r.group);
}

/** The ids of the top-level items: what the total row adds up. */
export function topLevelIds(appendix: Appendix): string[] {
  return appendix.items.map((i) => i.id);
}

/**
 * The rows a group (or "Tổng cộng", given its top-level ids) adds up for one measure: its
 * children, except that a child group not carrying the measure is looked through to its own
 * children — a group row often prints no quantity (it would add bulletins to posters), while
 * "Tổng cộng" still adds every item's.
 */
export function summands(
  children: string[],
  carries: (item: Item) => boolean,
  row: (id: string) => ItemRow | undefined,
): string[] {
  return children.flatMap((id) => {
    const r = row(id);
    if (!r || carries(r.item) || !r.group) return r && carries(r.item) ? [id] : [];
    return summands(r.children, carries, row);
  });
}
