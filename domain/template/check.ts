// A template is data from outside (an admin may upload one), so it is checked before use:
// ids unique, every data column bound to a known measure and period exactly once, the
// plan's own figures valid against the template itself.
import type { Template } from "./model";
import { leafColumns } from "./layout";

export function checkTemplate(t: Template): string[] {
  const problems: string[] = [];
  const need = (ok: unknown, text: string) => ok || problems.push(text);
  if (!t || typeof t !== "object") return ["template is not an object"];
  need(typeof t.id === "string" && /^[a-z0-9][a-z0-9-]{1,62}$/.test(t.id), "id must be lower-case letters, digits and dashes");
  need(Number.isInteger(t.version) && t.version > 0, "version must be a positive integer");
  need(Array.isArray(t.measures) && t.measures.length > 0, "measures are missing");
  need(Array.isArray(t.periods) && t.periods.filter((p) => p.total).length === 1, "exactly one period must be the total");
  need(Array.isArray(t.appendices) && t.appendices.length > 0, "appendices are missing");
  need(t.money && t.money.dongPerUnit >= 1 && Number.isInteger(Math.log10(t.money.dongPerUnit)), "money.dongPerUnit must be a power of ten");
  if (problems.length) return problems;

  const measures = new Set(t.measures.map((m) => m.id));
  const periods = new Set(t.periods.map((p) => p.id));
  need(measures.size === t.measures.length, "measure ids must be unique");
  need(periods.size === t.periods.length, "period ids must be unique");
  const appendixIds = new Set<string>();
  for (const a of t.appendices) {
    need(!appendixIds.has(a.id), `appendix ${a.id} appears twice`);
    appendixIds.add(a.id);
    const items = new Set(a.items.map((i) => i.id));
    need(items.size === a.items.length && !items.has("total"), `${a.id}: item ids must be unique and not "total"`);
    for (const item of a.items) {
      for (const m of item.measures ?? []) need(measures.has(m), `${a.id} item ${item.id}: unknown measure ${m}`);
    }
    for (const m of a.totalRow.measures) need(measures.has(m), `${a.id} total row: unknown measure ${m}`);
    const leaves = leafColumns(a);
    for (const f of ["stt", "label"]) need(leaves.filter((l) => l.field === f).length === 1, `${a.id}: needs one ${f} column`);
    for (const m of measures) {
      for (const p of periods) {
        const n = leaves.filter((l) => l.measure === m && l.period === p).length;
        need(n === 1, `${a.id}: column for ${m} ${p} appears ${n} times`);
      }
    }
    for (const l of leaves) {
      need(l.field || (l.measure && measures.has(l.measure) && l.period && periods.has(l.period)), `${a.id}: column "${l.path.join(" / ")}" is bound to nothing known`);
    }
  }
  return problems;
}
