// A template is data from outside (an admin may upload one, the pane fetches one), so it is
// checked before use: first its shape (anything may arrive; docs/template.schema.json describes
// the same shape, and tests/domain/template-schema.test.ts keeps the two in agreement), then its
// meaning — ids unique, one phase-total period, computed measures made of known parts, every data
// column bound to a known measure and period exactly once, plan figures on known cells. Only a
// template that passes is typed as a Template. Every problem has a stable code (problems.ts).
import { TOTAL_ROW } from "../submission/model";
import { leafColumns } from "./layout";
import type { Appendix, Item, Template } from "./model";
import {
  pointer,
  TEMPLATE_WIDE,
  templateProblem,
  type TemplateProblem,
  type TemplateProblemCode,
  type TemplateProblemParams,
} from "./problems";

type Segment = string | number;

/** Collects problems; `add` takes the path as segments ("appendices", 0, "items"…). */
class Found {
  readonly list: TemplateProblem[] = [];
  add<C extends TemplateProblemCode>(code: C, at: readonly Segment[], params: TemplateProblemParams<C>): void {
    this.list.push(templateProblem(code, pointer(at), params));
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === "string" && v.length > 0;
const isList = (v: unknown): v is unknown[] => Array.isArray(v) && v.length > 0;
const isOptionalText = (v: unknown) => v === undefined || typeof v === "string";

/** Ids of measures, periods, kinds, appendices, items: letters, digits, . _ - (the schema's pattern). */
export const ID_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";
/** A template's id: lower-case, digits and dashes. */
export const TEMPLATE_ID_PATTERN = "^[a-z0-9][a-z0-9-]{1,62}$";
/** money.max: a decimal number as text. */
export const DECIMAL_PATTERN = "^[0-9]+(\\.[0-9]+)?$";
/** money.dongPerUnit: a power of ten, 1 to 10^12. */
export const DONG_PER_UNIT = Array.from({ length: 13 }, (_, k) => 10 ** k);

const ID = new RegExp(ID_PATTERN);
const isId = (v: unknown): v is string => typeof v === "string" && ID.test(v);

/** Optional text fields of a record: each absent or text. `name` prefixes the field in messages. */
function optionalTexts(found: Found, x: Record<string, unknown>, fields: string[], at: Segment[], name: string) {
  for (const f of fields) if (!isOptionalText(x[f])) found.add("FIELD_TEXT", [...at, f], { field: `${name}${f}` });
}

/** Every record of a list has an id and a label (and optional English label); `list` names it in problems. */
function checkNamed(found: Found, list: unknown, name: "measures" | "periods" | "kinds"): list is unknown[] {
  if (!isList(list)) return (found.add("LIST_MISSING", [name], { list: name }), false);
  list.forEach((x, k) => {
    if (!isObject(x) || !isId(x.id) || !isText(x.label))
      return found.add("ENTRY_ID_LABEL", [name, k], { list: name, index: k });
    optionalTexts(found, x, ["en"], [name, k], `${name}[${k}].`);
  });
  return true;
}

/** Print settings (template-wide or one appendix's): page set-up flags and an optional signature block. */
function checkPrint(found: Found, p: unknown, at: Segment[], where: string): void {
  if (p === undefined) return;
  if (!isObject(p)) return found.add("PRINT_NOT_OBJECT", at, { where });
  if (p.orientation !== "landscape" && p.orientation !== "portrait")
    found.add("PRINT_ORIENTATION", [...at, "orientation"], { where });
  if (p.paper !== "A4") found.add("PRINT_PAPER", [...at, "paper"], { where });
  for (const flag of ["fitToWidth", "repeatHeader", "pageNumbers"])
    if (typeof p[flag] !== "boolean") found.add("PRINT_FLAG", [...at, flag], { where, flag });
  const sig = p.signature;
  if (sig === undefined) return;
  const here = [...at, "signature"];
  if (!isObject(sig)) return found.add("PRINT_SIGNATURE_NOT_OBJECT", here, { where });
  if (sig.place !== undefined && !isText(sig.place)) found.add("PRINT_SIGNATURE_PLACE", [...here, "place"], { where });
  if (sig.dateLine !== undefined && typeof sig.dateLine !== "boolean")
    found.add("PRINT_SIGNATURE_DATE_LINE", [...here, "dateLine"], { where });
  const signerOk = (s: unknown) => isObject(s) && isText(s.title) && isOptionalText(s.note);
  if (!isList(sig.signers) || !sig.signers.every(signerOk)) found.add("PRINT_SIGNERS", [...here, "signers"], { where });
}

function checkColumns(found: Found, nodes: unknown, at: Segment[], where: string): void {
  if (!isList(nodes)) return found.add("COLUMNS_MISSING", at, { where });
  nodes.forEach((node, k) => {
    if (!isObject(node) || typeof node.header !== "string") return found.add("COLUMN_HEADER", [...at, k], { where });
    const { header } = node;
    if (node.field !== undefined && !["stt", "label", "unit", "note"].includes(node.field as string))
      found.add("COLUMN_FIELD", [...at, k, "field"], { where, header });
    for (const f of ["measure", "period"])
      if (node[f] !== undefined && !isText(node[f]))
        found.add("COLUMN_BINDING_SHAPE", [...at, k, f], { where, header });
    if (node.children !== undefined) checkColumns(found, node.children, [...at, k, "children"], `${where} / ${header}`);
  });
}

const isIdList = (v: unknown) => Array.isArray(v) && v.every(isText);

/** An item list at any depth: `label` is how problems name the place ("items[2].children[1]"). */
function checkItems(found: Found, items: unknown[], appendix: string, at: Segment[], label: string): void {
  items.forEach((it, j) => {
    const here = [...at, j];
    const name = `${label}[${j}]`;
    if (!isObject(it) || !isId(it.id) || typeof it.stt !== "string" || !isText(it.label))
      return found.add("ITEM_SHAPE", here, { appendix, at: name });
    optionalTexts(found, it, ["unit"], here, `${appendix} ${name}.`);
    if (it.measures !== undefined && !isIdList(it.measures))
      found.add("ITEM_MEASURES_SHAPE", [...here, "measures"], { appendix, at: name });
    if (it.children === undefined) return;
    if (!isList(it.children)) return found.add("GROUP_EMPTY", [...here, "children"], { appendix, at: name });
    checkItems(found, it.children, appendix, [...here, "children"], `${name}.children`);
  });
}

/** The shape of an appendix. */
function checkAppendixShape(found: Found, a: unknown, k: number): void {
  const at = ["appendices", k];
  if (!isObject(a)) return found.add("APPENDIX_NOT_OBJECT", at, { index: k });
  const appendix = isText(a.id) ? a.id : `appendices[${k}]`;
  if (!isId(a.id)) found.add("APPENDIX_ID_FORMAT", [...at, "id"], { appendix });
  if (typeof a.heading !== "string" || typeof a.title !== "string")
    found.add("APPENDIX_HEADING_TITLE", typeof a.heading !== "string" ? [...at, "heading"] : [...at, "title"], {
      appendix,
    });
  if (!Array.isArray(a.items)) found.add("ITEMS_MISSING", [...at, "items"], { appendix });
  else checkItems(found, a.items, appendix, [...at, "items"], "items");
  if (a.measures !== undefined && !(isList(a.measures) && a.measures.every(isText)))
    found.add("APPENDIX_MEASURES_SHAPE", [...at, "measures"], { appendix });
  const total = a.totalRow;
  if (!isObject(total) || typeof total.label !== "string" || !isIdList(total.measures))
    found.add("TOTAL_ROW_SHAPE", [...at, "totalRow"], { appendix });
  checkColumns(found, a.columns, [...at, "columns"], appendix);
  const widths = a.columnWidths;
  if (widths !== undefined && !(Array.isArray(widths) && widths.every((w) => typeof w === "number" && w > 0)))
    found.add("COLUMN_WIDTHS", [...at, "columnWidths"], { appendix });
  checkPrint(found, a.print, [...at, "print"], appendix);
}

function checkDocument(found: Found, d: unknown): void {
  if (!isObject(d)) return found.add("DOCUMENT_MISSING", ["document"], {});
  for (const field of ["number", "issuer", "date", "title"])
    if (typeof d[field] !== "string") found.add("DOCUMENT_FIELD", ["document", field], { field });
  for (const field of ["attachment", "lead"])
    if (!isOptionalText(d[field])) found.add("DOCUMENT_FIELD", ["document", field], { field });
  const p = d.province;
  if (p !== undefined && !(isObject(p) && typeof p.code === "string" && typeof p.name === "string"))
    found.add("DOCUMENT_PROVINCE", ["document", "province"], {});
}

function checkMoney(found: Found, money: unknown): void {
  if (!isObject(money)) return found.add("MONEY_MISSING", ["money"], {});
  if (!isText(money.unit)) found.add("MONEY_UNIT", ["money", "unit"], {});
  optionalTexts(found, money, ["unitEn"], ["money"], "money.");
  if (!DONG_PER_UNIT.includes(money.dongPerUnit as number))
    found.add("MONEY_DONG_PER_UNIT", ["money", "dongPerUnit"], {});
  if (!Number.isInteger(money.decimals) || (money.decimals as number) < 0)
    found.add("MONEY_DECIMALS", ["money", "decimals"], {});
  if (typeof money.max !== "string" || !new RegExp(DECIMAL_PATTERN).test(money.max))
    found.add("MONEY_MAX", ["money", "max"], {});
}

/** plan: appendix → item → measure → period → a number or decimal text. */
function checkPlanShape(found: Found, plan: unknown): void {
  const walk = (v: unknown, at: string[]) => {
    const where = at.length ? at.join(" / ") : "plan";
    if (at.length === 4) {
      if (typeof v !== "string" && !(typeof v === "number" && Number.isFinite(v)))
        found.add("PLAN_SHAPE", ["plan", ...at], { at: where });
      return;
    }
    if (!isObject(v)) return found.add("PLAN_SHAPE", ["plan", ...at], { at: where });
    for (const [k, x] of Object.entries(v)) walk(x, [...at, k]);
  };
  if (plan !== undefined) walk(plan, []);
}

/** The shape problems of a would-be template: what docs/template.schema.json also refuses. */
function checkShape(found: Found, t: Record<string, unknown>): void {
  if (typeof t.id !== "string" || !new RegExp(TEMPLATE_ID_PATTERN).test(t.id))
    found.add("TEMPLATE_ID_FORMAT", ["id"], {});
  if (!Number.isInteger(t.version) || (t.version as number) <= 0) found.add("VERSION_FORMAT", ["version"], {});
  if (!isText(t.name)) found.add("NAME_MISSING", ["name"], {});
  checkDocument(found, t.document);
  checkMoney(found, t.money);
  if (typeof t.quantityMax !== "number" || !(t.quantityMax > 0)) found.add("QUANTITY_MAX", ["quantityMax"], {});
  if (checkNamed(found, t.measures, "measures"))
    (t.measures as unknown[]).forEach((m, k) => {
      if (!isObject(m)) return;
      if (m.kind !== "count" && m.kind !== "money") found.add("MEASURE_KIND", ["measures", k, "kind"], { index: k });
      if (typeof m.numberFormat !== "string")
        found.add("MEASURE_FORMAT", ["measures", k, "numberFormat"], { index: k });
      optionalTexts(found, m, ["short"], ["measures", k], `measures[${k}].`);
      if (m.sumOf !== undefined && !(isList(m.sumOf) && m.sumOf.every(isText)))
        found.add("SUM_OF_SHAPE", ["measures", k, "sumOf"], { index: k });
    });
  if (checkNamed(found, t.periods, "periods"))
    (t.periods as unknown[]).forEach((p, k) => {
      if (isObject(p) && p.total !== undefined && typeof p.total !== "boolean")
        found.add("PERIOD_TOTAL_FLAG", ["periods", k, "total"], { index: k });
    });
  if (isList(t.periods)) {
    // The one phase total: the schema says it with `contains` (minContains 1, maxContains 1).
    const count = t.periods.filter((p) => isObject(p) && p.total === true).length;
    if (count !== 1) found.add("PERIOD_TOTAL_COUNT", ["periods"], { count });
  }
  checkNamed(found, t.kinds, "kinds");
  checkPrint(found, t.print, ["print"], TEMPLATE_WIDE);
  if (!isList(t.appendices)) found.add("LIST_MISSING", ["appendices"], { list: "appendices" });
  else t.appendices.forEach((a, k) => checkAppendixShape(found, a, k));
  checkPlanShape(found, t.plan);
}

/**
 * Every problem of a would-be template, with its code, JSON pointer, params and texts in
 * Vietnamese and English; [] when it is usable. Meaning is checked only once the shape is right.
 */
export function templateProblems(input: unknown): TemplateProblem[] {
  const found = new Found();
  if (!isObject(input)) return (found.add("TEMPLATE_NOT_OBJECT", [], {}), found.list);
  checkShape(found, input);
  if (found.list.length) return found.list;
  checkMeaning(found, input as unknown as Template);
  return found.list;
}

/** The problems of a would-be template, in English (see templateProblems for codes and Vietnamese). */
export function checkTemplate(input: unknown): string[] {
  return templateProblems(input).map((p) => p.en);
}

/** The first index of every id seen twice, by id. */
function duplicates(ids: string[]): [string, number][] {
  const seen = new Set<string>();
  const twice: [string, number][] = [];
  ids.forEach((id, k) => {
    if (seen.has(id)) twice.push([id, k]);
    seen.add(id);
  });
  return twice;
}

function checkMeasures(found: Found, t: Template): void {
  const byId = new Map(t.measures.map((m) => [m.id, m]));
  for (const [measure, k] of duplicates(t.measures.map((m) => m.id)))
    found.add("MEASURE_ID_DUPLICATE", ["measures", k, "id"], { measure });
  t.measures.forEach((m, k) => {
    if (!m.sumOf) return;
    const at = ["measures", k, "sumOf"];
    const measure = m.id;
    for (const [part, j] of duplicates(m.sumOf)) found.add("SUM_OF_DUPLICATE", [...at, j], { measure, part });
    m.sumOf.forEach((part, j) => {
      const of = byId.get(part);
      if (part === m.id) found.add("SUM_OF_SELF", [...at, j], { measure });
      else if (!of) found.add("SUM_OF_UNKNOWN", [...at, j], { measure, part });
      else if (of.kind !== m.kind)
        found.add("SUM_OF_KIND", [...at, j], { measure, part, kind: m.kind, partKind: of.kind });
      else if (of.sumOf) found.add("SUM_OF_COMPUTED", [...at, j], { measure, part });
    });
  });
}

/** The measures an item carries: its own, else its appendix's, else the template's. */
const itemMeasures = (t: Template, a: Appendix, item: Item) =>
  item.measures ?? a.measures ?? t.measures.map((m) => m.id);

/**
 * Every item of an appendix's tree in printed order, with where it sits in the JSON
 * ("/appendices/0/items/2/children/1"). Walked afresh (not rows.ts's cache): a caller may
 * change a template object between two checks.
 */
function itemsWithPaths(a: Appendix, at: Segment[]): { item: Item; path: Segment[] }[] {
  const out: { item: Item; path: Segment[] }[] = [];
  const walk = (items: Item[], here: Segment[]) =>
    items.forEach((item, j) => {
      out.push({ item, path: [...here, j] });
      if (item.children) walk(item.children, [...here, j, "children"]);
    });
  walk(a.items, [...at, "items"]);
  return out;
}

function checkAppendix(found: Found, t: Template, a: Appendix, k: number): void {
  const at = ["appendices", k];
  const appendix = a.id;
  const measures = new Map(t.measures.map((m) => [m.id, m]));
  const periods = new Set(t.periods.map((p) => p.id));
  const rows = itemsWithPaths(a, at);
  for (const [item, j] of duplicates(rows.map((r) => r.item.id)))
    found.add("ITEM_ID_DUPLICATE", [...rows[j].path, "id"], { appendix, item });
  for (const r of rows)
    if (r.item.id === TOTAL_ROW) found.add("ITEM_ID_RESERVED", [...r.path, "id"], { appendix, item: TOTAL_ROW });

  // The appendix's measures (all of the template's by default); items and the total row stay within them.
  (a.measures ?? []).forEach((measure, j) => {
    if (!measures.has(measure)) found.add("APPENDIX_MEASURE_UNKNOWN", [...at, "measures", j], { appendix, measure });
  });
  for (const [measure, j] of duplicates(a.measures ?? []))
    found.add("APPENDIX_MEASURE_DUPLICATE", [...at, "measures", j], { appendix, measure });
  const carried = new Set(a.measures ?? measures.keys());
  const partsMissing = (list: Iterable<string>) => {
    const has = new Set(list);
    return [...has].flatMap((m) =>
      (measures.get(m)?.sumOf ?? []).filter((p) => !has.has(p)).map((part) => ({ measure: m, part })),
    );
  };
  for (const miss of partsMissing(carried))
    found.add("SUM_OF_PARTS_APPENDIX", [...at, "measures"], { appendix, ...miss });
  for (const r of rows) {
    const here = r.path;
    const item = r.item.id;
    (r.item.measures ?? []).forEach((measure, j) => {
      if (!measures.has(measure))
        found.add("ITEM_MEASURE_UNKNOWN", [...here, "measures", j], { appendix, item, measure });
      else if (!carried.has(measure))
        found.add("ITEM_MEASURE_NOT_CARRIED", [...here, "measures", j], { appendix, item, measure });
    });
    if (r.item.measures)
      for (const miss of partsMissing(r.item.measures.filter((m) => carried.has(m))))
        found.add("SUM_OF_PARTS_ITEM", [...here, "measures"], { appendix, item, ...miss });
  }
  a.totalRow.measures.forEach((measure, j) => {
    const where = [...at, "totalRow", "measures", j];
    if (!measures.has(measure)) found.add("TOTAL_ROW_MEASURE_UNKNOWN", where, { appendix, measure });
    else if (!carried.has(measure)) found.add("TOTAL_ROW_MEASURE_NOT_CARRIED", where, { appendix, measure });
  });

  const leaves = leafColumns(a);
  const columns = [...at, "columns"];
  for (const field of ["stt", "label"]) {
    const count = leaves.filter((l) => l.field === field).length;
    if (count !== 1) found.add("COLUMN_FIELD_COUNT", columns, { appendix, field, count });
  }
  const notes = leaves.filter((l) => l.field === "note").length;
  if (notes > 1) found.add("NOTE_COLUMN_COUNT", columns, { appendix, count: notes });
  for (const measure of carried) {
    for (const period of periods) {
      const count = leaves.filter((l) => l.measure === measure && l.period === period).length;
      if (count !== 1) found.add("COLUMN_BINDING_COUNT", columns, { appendix, measure, period, count });
    }
  }
  for (const l of leaves) {
    const bound = l.field || (l.measure && carried.has(l.measure) && l.period && periods.has(l.period));
    if (!bound) found.add("COLUMN_UNBOUND", columns, { appendix, column: l.path.join(" / ") });
  }
}

/** plan names only known appendices, their items, the measures each item carries and known periods. */
function checkPlan(found: Found, t: Template): void {
  const periods = new Set(t.periods.map((p) => p.id));
  for (const [appendix, items] of Object.entries(t.plan ?? {})) {
    const a = t.appendices.find((x) => x.id === appendix);
    if (!a) {
      found.add("PLAN_APPENDIX_UNKNOWN", ["plan", appendix], { appendix });
      continue;
    }
    const rows = new Map(itemsWithPaths(a, []).map((r) => [r.item.id, r.item]));
    for (const [item, byMeasure] of Object.entries(items)) {
      const row = rows.get(item);
      if (!row) {
        found.add("PLAN_ITEM_UNKNOWN", ["plan", appendix, item], { appendix, item });
        continue;
      }
      const carried = new Set(itemMeasures(t, a, row));
      for (const [measure, byPeriod] of Object.entries(byMeasure)) {
        if (!carried.has(measure)) {
          found.add("PLAN_MEASURE_UNKNOWN", ["plan", appendix, item, measure], { appendix, item, measure });
          continue;
        }
        for (const period of Object.keys(byPeriod))
          if (!periods.has(period))
            found.add("PLAN_PERIOD_UNKNOWN", ["plan", appendix, item, measure, period], {
              appendix,
              item,
              measure,
              period,
            });
      }
    }
  }
}

/** What a well-shaped template must also mean. */
function checkMeaning(found: Found, t: Template): void {
  checkMeasures(found, t);
  for (const [period, k] of duplicates(t.periods.map((p) => p.id)))
    found.add("PERIOD_ID_DUPLICATE", ["periods", k, "id"], { period });
  for (const [kind, k] of duplicates(t.kinds.map((x) => x.id)))
    found.add("KIND_ID_DUPLICATE", ["kinds", k, "id"], { kind });
  for (const [appendix, k] of duplicates(t.appendices.map((a) => a.id)))
    found.add("APPENDIX_ID_DUPLICATE", ["appendices", k, "id"], { appendix });
  t.appendices.forEach((a, k) => checkAppendix(found, t, a, k));
  checkPlan(found, t);
}
