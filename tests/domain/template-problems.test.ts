// Issue 16: every template problem has a stable code, a JSON pointer to the value to fix and a
// text in Vietnamese and English. One planted problem per code, on the documented example
// template (nested rows, a computed measure, a notes column, a signature block).
import { describe, expect, it } from "vitest";
import { checkTemplate, type Template } from "../../domain";
import { templateProblems } from "../../domain/template/check";
import { TEMPLATE_PROBLEMS, type TemplateProblemCode } from "../../domain/template/problems";
import { docExample } from "../support/template-doc";

// eslint-style `any`: the cases reach into the JSON freely, as an administrator's editor would.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const QTY = { id: "qty", kind: "count", label: "Số lượng", numberFormat: "#,##0" };

/** code → [what to break, the pointer the problem must name]. `input` replaces the whole template. */
const PLANTED: Record<TemplateProblemCode, [(t: Json) => unknown, string]> = {
  TEMPLATE_NOT_OBJECT: [() => "x", ""],
  TEMPLATE_ID_FORMAT: [(t) => (t.id = "Bad Id"), "/id"],
  VERSION_FORMAT: [(t) => (t.version = 0), "/version"],
  NAME_MISSING: [(t) => delete t.name, "/name"],
  DOCUMENT_MISSING: [(t) => (t.document = null), "/document"],
  DOCUMENT_FIELD: [(t) => delete t.document.title, "/document/title"],
  DOCUMENT_PROVINCE: [(t) => (t.document.province = { code: 92 }), "/document/province"],
  MONEY_MISSING: [(t) => delete t.money, "/money"],
  MONEY_UNIT: [(t) => (t.money.unit = ""), "/money/unit"],
  MONEY_DONG_PER_UNIT: [(t) => (t.money.dongPerUnit = 1500), "/money/dongPerUnit"],
  MONEY_DECIMALS: [(t) => (t.money.decimals = -1), "/money/decimals"],
  MONEY_MAX: [(t) => (t.money.max = "1.000.000"), "/money/max"],
  QUANTITY_MAX: [(t) => (t.quantityMax = 0), "/quantityMax"],
  FIELD_TEXT: [(t) => (t.measures[1].en = 5), "/measures/1/en"],
  LIST_MISSING: [(t) => (t.kinds = []), "/kinds"],
  ENTRY_ID_LABEL: [(t) => (t.periods[1].id = "năm 2026"), "/periods/1"],
  MEASURE_KIND: [(t) => (t.measures[2].kind = "percent"), "/measures/2/kind"],
  MEASURE_FORMAT: [(t) => delete t.measures[2].numberFormat, "/measures/2/numberFormat"],
  SUM_OF_SHAPE: [(t) => (t.measures[0].sumOf = []), "/measures/0/sumOf"],
  PERIOD_TOTAL_FLAG: [(t) => (t.periods[0].total = "yes"), "/periods/0/total"],
  PRINT_NOT_OBJECT: [(t) => (t.appendices[0].print = "A4"), "/appendices/0/print"],
  PRINT_ORIENTATION: [(t) => (t.print.orientation = "sideways"), "/print/orientation"],
  PRINT_PAPER: [(t) => (t.print.paper = "A3"), "/print/paper"],
  PRINT_FLAG: [(t) => (t.print.repeatHeader = 1), "/print/repeatHeader"],
  PRINT_SIGNATURE_NOT_OBJECT: [(t) => (t.print.signature = []), "/print/signature"],
  PRINT_SIGNATURE_PLACE: [(t) => (t.print.signature.place = ""), "/print/signature/place"],
  PRINT_SIGNATURE_DATE_LINE: [(t) => (t.print.signature.dateLine = "yes"), "/print/signature/dateLine"],
  PRINT_SIGNERS: [(t) => (t.print.signature.signers = [{ note: "(Ký)" }]), "/print/signature/signers"],
  APPENDIX_NOT_OBJECT: [(t) => (t.appendices[0] = []), "/appendices/0"],
  APPENDIX_ID_FORMAT: [(t) => (t.appendices[0].id = "PL 01"), "/appendices/0/id"],
  APPENDIX_HEADING_TITLE: [(t) => delete t.appendices[0].title, "/appendices/0/title"],
  ITEMS_MISSING: [(t) => delete t.appendices[0].items, "/appendices/0/items"],
  ITEM_SHAPE: [(t) => (t.appendices[0].items[0].children[1].stt = 2), "/appendices/0/items/0/children/1"],
  ITEM_MEASURES_SHAPE: [(t) => (t.appendices[0].items[1].measures = "NSTW"), "/appendices/0/items/1/measures"],
  GROUP_EMPTY: [(t) => (t.appendices[0].items[1].children = []), "/appendices/0/items/1/children"],
  APPENDIX_MEASURES_SHAPE: [(t) => (t.appendices[0].measures = []), "/appendices/0/measures"],
  TOTAL_ROW_SHAPE: [(t) => (t.appendices[0].totalRow = { label: "Tổng cộng" }), "/appendices/0/totalRow"],
  COLUMNS_MISSING: [(t) => (t.appendices[0].columns[2].children = []), "/appendices/0/columns/2/children"],
  COLUMN_HEADER: [(t) => delete t.appendices[0].columns[2].children[0].header, "/appendices/0/columns/2/children/0"],
  COLUMN_FIELD: [(t) => (t.appendices[0].columns[5].field = "remark"), "/appendices/0/columns/5/field"],
  COLUMN_BINDING_SHAPE: [
    (t) => (t.appendices[0].columns[3].children[1].period = 2027),
    "/appendices/0/columns/3/children/1/period",
  ],
  COLUMN_WIDTHS: [(t) => (t.appendices[0].columnWidths = [6, 0]), "/appendices/0/columnWidths"],
  PLAN_SHAPE: [(t) => (t.plan = { PL01: { "1": { NSTW: { "2026": true } } } }), "/plan/PL01/1/NSTW/2026"],
  MEASURE_ID_DUPLICATE: [(t) => (t.measures[2].id = "NSTW"), "/measures/2/id"],
  PERIOD_ID_DUPLICATE: [(t) => (t.periods[2].id = "2026"), "/periods/2/id"],
  KIND_ID_DUPLICATE: [(t) => t.kinds.push({ id: "plan", label: "Kế hoạch (2)" }), "/kinds/1/id"],
  PERIOD_TOTAL_COUNT: [(t) => (t.periods[1].total = true), "/periods"],
  SUM_OF_UNKNOWN: [(t) => (t.measures[0].sumOf = ["NSTW", "NSDX"]), "/measures/0/sumOf/1"],
  SUM_OF_SELF: [(t) => t.measures[0].sumOf.push("TONG"), "/measures/0/sumOf/2"],
  SUM_OF_DUPLICATE: [(t) => t.measures[0].sumOf.push("NSTW"), "/measures/0/sumOf/2"],
  SUM_OF_KIND: [(t) => (t.measures.push(QTY), t.measures[0].sumOf.push("qty")), "/measures/0/sumOf/2"],
  SUM_OF_COMPUTED: [
    (t) => t.measures.push({ id: "ALL", kind: "money", label: "Tất cả", numberFormat: "#,##0", sumOf: ["TONG"] }),
    "/measures/3/sumOf/0",
  ],
  APPENDIX_ID_DUPLICATE: [(t) => t.appendices.push(structuredClone(t.appendices[0])), "/appendices/1/id"],
  ITEM_ID_DUPLICATE: [(t) => (t.appendices[0].items[1].id = "1"), "/appendices/0/items/1/id"],
  ITEM_ID_RESERVED: [(t) => (t.appendices[0].items[0].children[0].id = "total"), "/appendices/0/items/0/children/0/id"],
  APPENDIX_MEASURE_UNKNOWN: [
    (t) => (t.appendices[0].measures = ["TONG", "NSTW", "NSDP", "X"]),
    "/appendices/0/measures/3",
  ],
  APPENDIX_MEASURE_DUPLICATE: [
    (t) => (t.appendices[0].measures = ["TONG", "NSTW", "NSDP", "NSTW"]),
    "/appendices/0/measures/3",
  ],
  ITEM_MEASURE_UNKNOWN: [
    (t) => (t.appendices[0].items[0].children[1].measures = ["NSTW", "X"]),
    "/appendices/0/items/0/children/1/measures/1",
  ],
  ITEM_MEASURE_NOT_CARRIED: [
    (t) => {
      t.measures.push(QTY);
      t.appendices[0].measures = ["TONG", "NSTW", "NSDP"];
      t.appendices[0].items[1].measures = ["qty"];
    },
    "/appendices/0/items/1/measures/0",
  ],
  TOTAL_ROW_MEASURE_UNKNOWN: [(t) => t.appendices[0].totalRow.measures.push("X"), "/appendices/0/totalRow/measures/3"],
  TOTAL_ROW_MEASURE_NOT_CARRIED: [
    (t) => {
      t.measures.push(QTY);
      t.appendices[0].measures = ["TONG", "NSTW", "NSDP"];
      t.appendices[0].totalRow.measures.push("qty");
    },
    "/appendices/0/totalRow/measures/3",
  ],
  SUM_OF_PARTS_APPENDIX: [(t) => (t.appendices[0].measures = ["TONG", "NSTW"]), "/appendices/0/measures"],
  SUM_OF_PARTS_ITEM: [(t) => (t.appendices[0].items[1].measures = ["TONG", "NSTW"]), "/appendices/0/items/1/measures"],
  COLUMN_FIELD_COUNT: [(t) => (t.appendices[0].columns[0].field = "unit"), "/appendices/0/columns"],
  NOTE_COLUMN_COUNT: [
    (t) => t.appendices[0].columns.push({ header: "Đơn vị thực hiện", field: "note" }),
    "/appendices/0/columns",
  ],
  COLUMN_BINDING_COUNT: [(t) => (t.appendices[0].columns[3].children[0].period = "2026"), "/appendices/0/columns"],
  COLUMN_UNBOUND: [(t) => t.appendices[0].columns.push({ header: "Khác" }), "/appendices/0/columns"],
  PLAN_APPENDIX_UNKNOWN: [(t) => (t.plan = { PL09: {} }), "/plan/PL09"],
  PLAN_ITEM_UNKNOWN: [(t) => (t.plan = { PL01: { "9": {} } }), "/plan/PL01/9"],
  PLAN_MEASURE_UNKNOWN: [
    (t) => {
      t.appendices[0].items[1].measures = ["NSTW"];
      t.plan = { PL01: { II: { NSDP: { "2026": "1" } } } };
    },
    "/plan/PL01/II/NSDP",
  ],
  PLAN_PERIOD_UNKNOWN: [(t) => (t.plan = { PL01: { "1": { NSTW: { "2030": "1" } } } }), "/plan/PL01/1/NSTW/2030"],
};

/** The example with one problem planted. */
function planted(code: TemplateProblemCode): unknown {
  const t = docExample() as unknown as Json;
  const [mutate] = PLANTED[code];
  const replaced = mutate(t);
  return code === "TEMPLATE_NOT_OBJECT" ? replaced : t;
}

describe("template problems", () => {
  it("the documented example has none, and plan figures on its cells are accepted", () => {
    const t = docExample();
    expect(templateProblems(t)).toEqual([]);
    t.plan = { PL01: { "1": { NSTW: { "2026": "1.5" } }, I: { TONG: { total: 3 } } } };
    expect(templateProblems(t)).toEqual([]);
  });

  it("every code has a planted case", () => {
    expect(Object.keys(PLANTED).sort()).toEqual(Object.keys(TEMPLATE_PROBLEMS).sort());
  });

  it.each(Object.keys(PLANTED) as TemplateProblemCode[])("%s: found at the right place, in vi and en", (code) => {
    const found = templateProblems(planted(code));
    const mine = found.filter((p) => p.code === code);
    expect(
      mine.map((p) => p.path),
      JSON.stringify(found.map((p) => [p.code, p.path])),
    ).toContain(PLANTED[code][1]);
    for (const p of mine) {
      expect(p.vi.length).toBeGreaterThan(10);
      expect(p.en.length).toBeGreaterThan(10);
      expect(p.vi).not.toBe(p.en);
      // Every placeholder was filled: no "{name}" is left (JSON examples such as "{ … }" stay).
      expect(`${p.vi} ${p.en}`).not.toMatch(/\{\w+\}/);
    }
    // Shape problems stop the check before meaning; meaning problems come with no shape problem.
    const shape = TEMPLATE_PROBLEMS[code].shape;
    expect(found.every((p) => TEMPLATE_PROBLEMS[p.code].shape === shape)).toBe(true);
    // checkTemplate keeps answering the English texts.
    expect(checkTemplate(planted(code))).toEqual(found.map((p) => p.en));
  });

  it("the Vietnamese texts say what to fix in the template's words", () => {
    const [dup] = templateProblems(planted("ITEM_ID_DUPLICATE"));
    expect(dup).toEqual({
      code: "ITEM_ID_DUPLICATE",
      path: "/appendices/0/items/1/id",
      params: { appendix: "PL01", item: "1" },
      vi: 'Phụ lục PL01: mã mục "1" xuất hiện hơn một lần; mã mục không được trùng trong cả phụ lục (kể cả các mục con).',
      en: "PL01: item id 1 appears more than once; item ids are unique across the whole appendix",
    });
    const [print] = templateProblems(planted("PRINT_PAPER"));
    expect(print.vi).toBe('Thiết lập in của mẫu biểu (chung): "paper" phải là "A4".');
    expect(print.en).toBe("template: print.paper must be A4");
    const sum = templateProblems(planted("SUM_OF_KIND")).find((p) => p.code === "SUM_OF_KIND")!;
    expect(sum.params).toEqual({ measure: "TONG", part: "qty", kind: "money", partKind: "count" });
  });

  it("item ids are unique across the whole tree, at any depth", () => {
    const t = docExample() as unknown as Json;
    t.appendices[0].items[0].children[1].children = [{ id: "II", stt: "-", label: "Lồng sâu" }];
    const found = templateProblems(t);
    expect(found.map((p) => [p.code, p.path])).toEqual([["ITEM_ID_DUPLICATE", "/appendices/0/items/1/id"]]);
  });

  it("a template's own type needs no cast to be checked", () => {
    const t: Template = docExample();
    expect(checkTemplate(t)).toEqual([]);
  });
});
