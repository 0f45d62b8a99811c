// Cell styles for the writer: the printed sheet's overlapping style ranges are resolved per
// cell, and each distinct combination becomes one <xf> in styles.xml (fonts, borders, number
// formats and alignment deduplicated).
import type { CellStyle, PrintedSheet } from "../../domain";
import { escapeXmlAttr } from "./escape";

export type ResolvedStyle = Omit<CellStyle, "range">;

/** Excel's built-in number formats we may meet; anything else gets an id from 164 on. */
const BUILTIN_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "@": 49,
};

export const FONT = { name: "Times New Roman", size: 12 };

/**
 * row → col → style, later ranges overriding earlier ones field by field. A sheet has few
 * distinct combinations but many cells (a breakdown of 100 units is 10,000 cells under 3 ranges
 * each), so each combination is built once and shared: a cell costs a map lookup, not an object,
 * and StyleTable.id sees the same object again.
 */
export function resolveStyles(sheet: PrintedSheet): Map<number, Map<number, ResolvedStyle>> {
  const cells = new Map<number, Map<number, ResolvedStyle>>();
  const merged = new Map<ResolvedStyle, Map<ResolvedStyle, ResolvedStyle>>();
  const over = (old: ResolvedStyle, style: ResolvedStyle): ResolvedStyle => {
    const byStyle = merged.get(old) ?? merged.set(old, new Map()).get(old)!;
    let out = byStyle.get(style);
    if (!out) byStyle.set(style, (out = { ...old, ...style }));
    return out;
  };
  for (const { range, ...given } of sheet.styles) {
    const style = definedOnly(given);
    for (let r = range.row; r < range.row + range.rows; r++) {
      const row = cells.get(r) ?? cells.set(r, new Map()).get(r)!;
      for (let c = range.col; c < range.col + range.cols; c++) {
        const old = row.get(c);
        row.set(c, old ? over(old, style) : style);
      }
    }
  }
  return cells;
}

function definedOnly(style: ResolvedStyle): ResolvedStyle {
  const out: ResolvedStyle = {};
  for (const [k, v] of Object.entries(style)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export class StyleTable {
  private readonly xfs = new Map<string, number>(); // key → index in cellXfs (0 = default)
  private readonly list: ResolvedStyle[] = [{}];
  private readonly formats = new Map<string, number>();

  constructor() {
    this.xfs.set("{}", 0);
  }

  /** Ids of style objects already seen (resolveStyles shares one object per combination). */
  private readonly seen = new WeakMap<ResolvedStyle, number>();

  /** The cellXfs index for a style (0 for none). */
  id(style: ResolvedStyle | undefined): number {
    if (!style) return 0;
    const known = this.seen.get(style);
    if (known !== undefined) return known;
    const key = JSON.stringify([
      style.bold ?? false,
      style.italic ?? false,
      style.align ?? "",
      style.wrap ?? false,
      style.border ?? false,
      style.numberFormat ?? "",
    ]);
    let id = this.xfs.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(style);
      this.xfs.set(key, id);
    }
    this.seen.set(style, id);
    return id;
  }

  private formatId(code: string | undefined): number {
    if (!code) return 0;
    if (code in BUILTIN_FORMATS) return BUILTIN_FORMATS[code];
    return this.formats.get(code) ?? this.formats.set(code, 164 + this.formats.size).get(code)!;
  }

  toXml(): string {
    const xfs = this.list.map((s, k) => {
      if (k === 0) return `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>`;
      const font = (s.bold ? 1 : 0) + (s.italic ? 2 : 0);
      const align = `<alignment${s.align ? ` horizontal="${s.align}"` : ""} vertical="center"${s.wrap ? ` wrapText="1"` : ""}/>`;
      const numFmt = this.formatId(s.numberFormat);
      return (
        `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="${s.border ? 1 : 0}" xfId="0"` +
        ` applyNumberFormat="1" applyFont="1" applyBorder="1" applyAlignment="1">${align}</xf>`
      );
    });
    const numFmts = [...this.formats].map(
      ([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeXmlAttr(code)}"/>`,
    );
    const font = (b: boolean, i: boolean) =>
      `<font>${b ? "<b/>" : ""}${i ? "<i/>" : ""}<sz val="${FONT.size}"/><name val="${FONT.name}"/><family val="1"/></font>`;
    const thin = (side: string) => `<${side} style="thin"><color auto="1"/></${side}>`;
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
      `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` +
      (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
      `<fonts count="4">${font(false, false)}${font(true, false)}${font(false, true)}${font(true, true)}</fonts>` +
      `<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>` +
      `<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>` +
      `<border>${["left", "right", "top", "bottom"].map(thin).join("")}<diagonal/></border></borders>` +
      `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
      `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
      `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
      `</styleSheet>`
    );
  }
}
