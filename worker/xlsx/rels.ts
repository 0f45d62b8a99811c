// Package relationships: which part is the workbook, which parts are its sheets and shared
// strings. Targets are resolved as part names (strings), never as file system paths: a target
// that climbs above the package root resolves to nothing.
import { parseXml } from "./xml";

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function parseRels(xml: string): Relationship[] {
  const rels: Relationship[] = [];
  parseXml(xml, {
    open(name, a) {
      if (name === "Relationship" && a.Id && a.Target && a.TargetMode !== "External") {
        rels.push({ id: a.Id, type: a.Type ?? "", target: a.Target });
      }
    },
  });
  return rels;
}

/** "xl/workbook.xml" + "worksheets/sheet1.xml" → "xl/worksheets/sheet1.xml"; null when it leaves the package. */
export function resolvePart(source: string, target: string): string | null {
  const base = target.startsWith("/") ? [] : source.split("/").slice(0, -1);
  for (const seg of target.split("#")[0].split("/")) {
    if (seg === "" || seg === ".") continue;
    if (seg === "..") {
      if (!base.length) return null;
      base.pop();
    } else base.push(decodeURIComponentSafe(seg));
  }
  return base.length ? base.join("/") : null;
}

function decodeURIComponentSafe(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    return seg;
  }
}

/** The relationships part of a part: "xl/workbook.xml" → "xl/_rels/workbook.xml.rels". */
export function relsPartOf(part: string): string {
  const slash = part.lastIndexOf("/");
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Relationship types differ between transitional and strict OOXML only in their prefix. */
export function isType(rel: Relationship, kind: string): boolean {
  return rel.type.endsWith(`/${kind}`);
}
