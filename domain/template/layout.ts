// The printed column layout of an appendix, derived from its header tree: which column
// holds which figure, how header cells span, and where each figure sits in the printed sheet.
import { TOTAL_ROW } from "../submission/model";
import type { Appendix, ColumnNode, Template } from "./model";
import { itemIds } from "./rows";

export interface LeafColumn {
  index: number;
  /** Header texts from the top group down to the column itself. */
  path: string[];
  field?: "stt" | "label" | "unit" | "note";
  measure?: string;
  period?: string;
}

export interface HeaderCell {
  row: number;
  col: number;
  rows: number;
  cols: number;
  text: string;
}

/** Printed sheet rows: heading, title, attachment line, a spacer, then the header. */
export const PRINTED_HEADER_TOP = 4;

function depthOf(node: ColumnNode): number {
  return 1 + Math.max(0, ...(node.children ?? []).map(depthOf));
}

function widthOf(node: ColumnNode): number {
  return node.children ? node.children.reduce((n, c) => n + widthOf(c), 0) : 1;
}

export function headerDepth(appendix: Appendix): number {
  return Math.max(...appendix.columns.map(depthOf));
}

export function leafColumns(appendix: Appendix): LeafColumn[] {
  const leaves: LeafColumn[] = [];
  const walk = (node: ColumnNode, path: string[]) => {
    const here = [...path, node.header];
    if (node.children) return node.children.forEach((c) => walk(c, here));
    leaves.push({ index: leaves.length, path: here, field: node.field, measure: node.measure, period: node.period });
  };
  appendix.columns.forEach((c) => walk(c, []));
  return leaves;
}

/** Header cells with their spans, relative to the header's top-left corner. */
export function headerCells(appendix: Appendix): HeaderCell[] {
  const depth = headerDepth(appendix);
  const cells: HeaderCell[] = [];
  const place = (node: ColumnNode, row: number, col: number) => {
    const cols = widthOf(node);
    const rows = node.children ? 1 : depth - row;
    cells.push({ row, col, rows, cols, text: node.header });
    let c = col;
    for (const child of node.children ?? []) {
      place(child, row + 1, c);
      c += widthOf(child);
    }
  };
  let col = 0;
  for (const node of appendix.columns) {
    place(node, 0, col);
    col += widthOf(node);
  }
  return cells;
}

export function findAppendix(template: Template, id: string): Appendix | undefined {
  return template.appendices.find((a) => a.id === id);
}

/** Where a figure sits in the printed sheet (0-based), for locating issues of JSON input. */
export function printedPosition(
  appendix: Appendix,
  item: string,
  measure: string,
  period: string,
): { row: number; col: number } | null {
  const first = PRINTED_HEADER_TOP + headerDepth(appendix);
  const ids = itemIds(appendix);
  const index = item === TOTAL_ROW ? ids.length : ids.indexOf(item);
  const leaf = leafColumns(appendix).find((l) => l.measure === measure && l.period === period);
  if (index < 0 || !leaf) return null;
  return { row: first + index, col: leaf.index };
}
