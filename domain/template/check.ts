// A template is data from outside (an admin may upload one, the pane fetches one), so it is
// checked before use: first its shape (anything may arrive), then its meaning — ids unique,
// one phase-total period, every data column bound to a known measure and period exactly
// once. Only a template that passes is typed as a Template.
import { TOTAL_ROW } from "../submission/model";
import { leafColumns } from "./layout";
import type { Template } from "./model";

type Need = (ok: unknown, text: string) => void;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isList = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** Every record of a list has a text id and label; `what` names the list in problems. */
function checkNamed(list: unknown, what: string, need: Need): void {
  if (!isList(list)) return need(false, `${what} are missing`);
  list.forEach((x, k) =>
    need(
      isObject(x) && isText(x.id) && ID.test(x.id) && isText(x.label),
      `${what}[${k}] needs an id (letters, digits, . _ -) and a label`,
    ),
  );
}

/** Print settings (template-wide or one appendix's): page set-up flags and an optional signature block. */
function checkPrint(p: unknown, where: string, need: Need): void {
  if (p === undefined) return;
  if (!isObject(p)) return need(false, `${where}: print is not an object`);
  need(
    p.orientation === "landscape" || p.orientation === "portrait",
    `${where}: print.orientation is landscape or portrait`,
  );
  need(p.paper === "A4", `${where}: print.paper must be A4`);
  for (const flag of ["fitToWidth", "repeatHeader", "pageNumbers"])
    need(typeof p[flag] === "boolean", `${where}: print.${flag} is true or false`);
  const sig = p.signature;
  if (sig === undefined) return;
  if (!isObject(sig)) return need(false, `${where}: print.signature is not an object`);
  need(sig.place === undefined || isText(sig.place), `${where}: print.signature.place is text`);
  need(
    sig.dateLine === undefined || typeof sig.dateLine === "boolean",
    `${where}: print.signature.dateLine is true or false`,
  );
  need(
    isList(sig.signers) &&
      sig.signers.every((s) => isObject(s) && isText(s.title) && (s.note === undefined || typeof s.note === "string")),
    `${where}: print.signature.signers is a list of { title, note? }`,
  );
}

function checkColumns(nodes: unknown, path: string, need: Need): void {
  if (!isList(nodes)) return need(false, `${path}: columns are missing`);
  for (const node of nodes) {
    if (!isObject(node) || typeof node.header !== "string") {
      need(false, `${path}: every column needs a header`);
      continue;
    }
    if (node.children !== undefined) checkColumns(node.children, `${path} / ${node.header}`, need);
  }
}

/** The shape of an appendix; false when its meaning cannot be checked. */
function checkAppendixShape(a: unknown, k: number, need: Need): boolean {
  const before = { ok: true };
  const want: Need = (ok, text) => {
    if (!ok) before.ok = false;
    need(ok, text);
  };
  if (!isObject(a)) return (need(false, `appendices[${k}] is not an object`), false);
  const name = isText(a.id) ? a.id : `appendices[${k}]`;
  want(isText(a.id) && ID.test(a.id), `${name}: id must be letters, digits, . _ -`);
  want(typeof a.heading === "string" && typeof a.title === "string", `${name}: heading and title are text`);
  want(Array.isArray(a.items), `${name}: items are missing`);
  if (Array.isArray(a.items)) {
    a.items.forEach((it, j) => {
      want(
        isObject(it) && isText(it.id) && ID.test(it.id) && typeof it.stt === "string" && isText(it.label),
        `${name} items[${j}] needs an id, an stt and a label`,
      );
      if (isObject(it) && it.measures !== undefined)
        want(
          Array.isArray(it.measures) && it.measures.every(isText),
          `${name} items[${j}]: measures is a list of measure ids`,
        );
    });
  }
  if (a.measures !== undefined)
    want(isList(a.measures) && a.measures.every(isText), `${name}: measures is a non-empty list of measure ids`);
  const total = a.totalRow;
  want(
    isObject(total) && typeof total.label === "string" && Array.isArray(total.measures) && total.measures.every(isText),
    `${name}: totalRow needs a label and a list of measures`,
  );
  checkColumns(a.columns, name, want);
  checkPrint(a.print, name, want);
  return before.ok;
}

/** The problems of a would-be template, in English for the administrator; [] when it is usable. */
export function checkTemplate(input: unknown): string[] {
  const problems: string[] = [];
  const need: Need = (ok, text) => {
    if (!ok) problems.push(text);
  };
  if (!isObject(input)) return ["template is not an object"];
  const t = input;
  need(
    typeof t.id === "string" && /^[a-z0-9][a-z0-9-]{1,62}$/.test(t.id),
    "id must be lower-case letters, digits and dashes",
  );
  need(Number.isInteger(t.version) && (t.version as number) > 0, "version must be a positive integer");
  need(isText(t.name), "name is missing");
  need(isObject(t.document), "document is missing");
  const money = t.money;
  need(
    isObject(money) &&
      isText(money.unit) &&
      typeof money.dongPerUnit === "number" &&
      money.dongPerUnit >= 1 &&
      Number.isInteger(Math.log10(money.dongPerUnit)),
    "money.dongPerUnit must be a power of ten",
  );
  need(
    isObject(money) &&
      Number.isInteger(money.decimals) &&
      (money.decimals as number) >= 0 &&
      typeof money.max === "string",
    "money needs decimals (a whole number) and max (text)",
  );
  need(typeof t.quantityMax === "number" && t.quantityMax > 0, "quantityMax must be a positive number");
  checkNamed(t.measures, "measures", need);
  if (isList(t.measures))
    t.measures.forEach((m, k) =>
      need(
        isObject(m) && (m.kind === "count" || m.kind === "money") && typeof m.numberFormat === "string",
        `measures[${k}]: kind is count or money, numberFormat is text`,
      ),
    );
  checkNamed(t.periods, "periods", need);
  need(
    isList(t.periods) && t.periods.filter((p) => isObject(p) && p.total === true).length === 1,
    "exactly one period must be the total",
  );
  checkNamed(t.kinds, "kinds", need);
  checkPrint(t.print, "template", need);
  if (!isList(t.appendices)) need(false, "appendices are missing");
  else t.appendices.forEach((a, k) => checkAppendixShape(a, k, need));
  if (problems.length) return problems;
  return checkMeaning(input as unknown as Template);
}

/** What a well-shaped template must also mean. */
function checkMeaning(t: Template): string[] {
  const problems: string[] = [];
  const need: Need = (ok, text) => {
    if (!ok) problems.push(text);
  };
  const measures = new Set(t.measures.map((m) => m.id));
  const periods = new Set(t.periods.map((p) => p.id));
  need(measures.size === t.measures.length, "measure ids must be unique");
  need(periods.size === t.periods.length, "period ids must be unique");
  need(new Set(t.kinds.map((k) => k.id)).size === t.kinds.length, "kind ids must be unique");
  const appendixIds = new Set<string>();
  for (const a of t.appendices) {
    need(!appendixIds.has(a.id), `appendix ${a.id} appears twice`);
    appendixIds.add(a.id);
    const items = new Set(a.items.map((i) => i.id));
    need(
      items.size === a.items.length && !items.has(TOTAL_ROW),
      `${a.id}: item ids must be unique and not "${TOTAL_ROW}"`,
    );
    // The appendix's measures (all of the template's by default); items and the total row stay within them.
    for (const m of a.measures ?? []) need(measures.has(m), `${a.id}: unknown measure ${m}`);
    need(new Set(a.measures ?? []).size === (a.measures ?? []).length, `${a.id}: measure ids must be unique`);
    const carried = new Set(a.measures ?? measures);
    const within = (m: string, where: string) => {
      if (!measures.has(m)) need(false, `${a.id} ${where}: unknown measure ${m}`);
      else need(carried.has(m), `${a.id} ${where}: measure ${m} is not one of the appendix's measures`);
    };
    for (const item of a.items) for (const m of item.measures ?? []) within(m, `item ${item.id}`);
    for (const m of a.totalRow.measures) within(m, "total row");
    const leaves = leafColumns(a);
    for (const f of ["stt", "label"])
      need(leaves.filter((l) => l.field === f).length === 1, `${a.id}: needs one ${f} column`);
    for (const m of carried) {
      for (const p of periods) {
        const n = leaves.filter((l) => l.measure === m && l.period === p).length;
        need(n === 1, `${a.id}: column for ${m} ${p} appears ${n} times`);
      }
    }
    for (const l of leaves) {
      need(
        l.field || (l.measure && carried.has(l.measure) && l.period && periods.has(l.period)),
        `${a.id}: column "${l.path.join(" / ")}" is bound to nothing known`,
      );
    }
  }
  return problems;
}
