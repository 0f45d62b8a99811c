// Every problem a would-be template can have, with a stable code, in one place: what
// templateProblems (check.ts) reports, what the admin upload answers in TEMPLATE_INVALID, what the
// add-in pane shows when the server's template cannot be used, and the table in docs/templates.md
// (scripts/template-schema.mjs writes it from here). Codes never change meaning; new ones are
// added at the end of their group. `shape` problems are the ones docs/template.schema.json also
// refuses; the others are about meaning (ids that must match, counts, sums).
import { interpolate, type Language, type Params } from "../text/interpolate";

interface Entry {
  shape: boolean;
  vi: string;
  en: string;
}

export const TEMPLATE_PROBLEMS = {
  // The template as a whole
  TEMPLATE_NOT_OBJECT: {
    shape: true,
    vi: "Mẫu biểu phải là một đối tượng JSON ({ … }) có các trường id, version, name, document, money, periods, measures, kinds và appendices.",
    en: "template is not an object",
  },
  TEMPLATE_ID_FORMAT: {
    shape: true,
    vi: 'Mã mẫu biểu ("id") chỉ gồm chữ thường không dấu, chữ số và dấu gạch ngang, 2–63 ký tự, ví dụ "kh-157-2023".',
    en: "id must be lower-case letters, digits and dashes",
  },
  VERSION_FORMAT: {
    shape: true,
    vi: '"version" phải là số nguyên dương (1, 2, …); mỗi lần sửa mẫu biểu hãy tăng thêm 1.',
    en: "version must be a positive integer",
  },
  NAME_MISSING: {
    shape: true,
    vi: 'Thiếu tên mẫu biểu ("name"): hãy ghi tên kế hoạch, ví dụ "Kế hoạch 157/KH-UBND…".',
    en: "name is missing",
  },
  DOCUMENT_MISSING: {
    shape: true,
    vi: 'Thiếu thông tin văn bản ("document"): số, cơ quan ban hành, ngày và trích yếu của kế hoạch.',
    en: "document is missing",
  },
  DOCUMENT_FIELD: {
    shape: true,
    vi: 'Trường "document.{field}" phải là chuỗi văn bản (số, cơ quan ban hành, ngày, trích yếu của kế hoạch).',
    en: "document.{field} must be text",
  },
  DOCUMENT_PROVINCE: {
    shape: true,
    vi: '"document.province" phải có dạng { "code": "94", "name": "Tỉnh Sóc Trăng" }.',
    en: "document.province must be { code, name } (text)",
  },
  MONEY_MISSING: {
    shape: true,
    vi: 'Thiếu phần đơn vị tiền ("money"): unit, dongPerUnit, decimals và max.',
    en: "money is missing",
  },
  MONEY_UNIT: {
    shape: true,
    vi: 'Thiếu đơn vị tiền ("money.unit"), ví dụ "triệu đồng".',
    en: "money.unit is missing",
  },
  MONEY_DONG_PER_UNIT: {
    shape: true,
    vi: '"money.dongPerUnit" (số đồng trong một đơn vị tiền) phải là lũy thừa của 10 từ 1 đến 10^12, ví dụ 1000000 cho "triệu đồng".',
    en: "money.dongPerUnit must be a power of ten",
  },
  MONEY_DECIMALS: {
    shape: true,
    vi: '"money.decimals" (số chữ số thập phân được nhập) phải là số nguyên từ 0 trở lên.',
    en: "money needs decimals (a whole number)",
  },
  MONEY_MAX: {
    shape: true,
    vi: '"money.max" (số tiền lớn nhất của một ô) phải là số viết dưới dạng chuỗi, ví dụ "1000000".',
    en: 'money needs max (a decimal number as text, e.g. "1000000")',
  },
  QUANTITY_MAX: {
    shape: true,
    vi: '"quantityMax" (số lượng lớn nhất của một ô) phải là số dương.',
    en: "quantityMax must be a positive number",
  },
  FIELD_TEXT: {
    shape: true,
    vi: 'Trường "{field}" phải là chuỗi văn bản.',
    en: "{field} must be text",
  },
  LIST_MISSING: {
    shape: true,
    vi: 'Thiếu danh sách "{list}" hoặc danh sách rỗng: cần ít nhất một phần tử.',
    en: "{list} are missing",
  },
  ENTRY_ID_LABEL: {
    shape: true,
    vi: '{list}[{index}] cần mã "id" (chữ, số, dấu . _ -, không dấu, không khoảng trắng) và nhãn "label".',
    en: "{list}[{index}] needs an id (letters, digits, . _ -) and a label",
  },
  // Measures and periods
  MEASURE_KIND: {
    shape: true,
    vi: 'Chỉ tiêu measures[{index}]: "kind" phải là "count" (số lượng) hoặc "money" (tiền).',
    en: "measures[{index}]: kind is count or money",
  },
  MEASURE_FORMAT: {
    shape: true,
    vi: 'Chỉ tiêu measures[{index}]: "numberFormat" (định dạng số trong Excel) phải là chuỗi, ví dụ "#,##0.###".',
    en: "measures[{index}]: numberFormat is text",
  },
  SUM_OF_SHAPE: {
    shape: true,
    vi: 'Chỉ tiêu measures[{index}]: "sumOf" phải là danh sách (không rỗng) mã các chỉ tiêu được cộng, ví dụ ["NSTW", "NSDP"].',
    en: "measures[{index}]: sumOf is a non-empty list of measure ids",
  },
  PERIOD_TOTAL_FLAG: {
    shape: true,
    vi: 'Kỳ periods[{index}]: "total" phải là true hoặc false (chỉ ghi ở kỳ tổng giai đoạn).',
    en: "periods[{index}]: total is true or false",
  },
  PERIOD_TOTAL_COUNT: {
    shape: true,
    vi: 'Cần đúng một kỳ là tổng giai đoạn ("total": true), hiện có {count}.',
    en: "exactly one period must be the total",
  },
  // Print settings
  PRINT_NOT_OBJECT: {
    shape: true,
    vi: 'Thiết lập in ("print") của {where} phải là một đối tượng { orientation, paper, fitToWidth, repeatHeader, pageNumbers }.',
    en: "{where}: print is not an object",
  },
  PRINT_ORIENTATION: {
    shape: true,
    vi: 'Thiết lập in của {where}: "orientation" phải là "landscape" (khổ ngang) hoặc "portrait" (khổ dọc).',
    en: "{where}: print.orientation is landscape or portrait",
  },
  PRINT_PAPER: {
    shape: true,
    vi: 'Thiết lập in của {where}: "paper" phải là "A4".',
    en: "{where}: print.paper must be A4",
  },
  PRINT_FLAG: {
    shape: true,
    vi: 'Thiết lập in của {where}: "{flag}" phải là true hoặc false.',
    en: "{where}: print.{flag} is true or false",
  },
  PRINT_SIGNATURE_NOT_OBJECT: {
    shape: true,
    vi: 'Thiết lập in của {where}: "signature" (khối chữ ký) phải là một đối tượng { place, dateLine, signers }.',
    en: "{where}: print.signature is not an object",
  },
  PRINT_SIGNATURE_PLACE: {
    shape: true,
    vi: 'Thiết lập in của {where}: "signature.place" (địa danh ở dòng ngày tháng) phải là chuỗi, ví dụ "Sóc Trăng".',
    en: "{where}: print.signature.place is text",
  },
  PRINT_SIGNATURE_DATE_LINE: {
    shape: true,
    vi: 'Thiết lập in của {where}: "signature.dateLine" phải là true hoặc false.',
    en: "{where}: print.signature.dateLine is true or false",
  },
  PRINT_SIGNERS: {
    shape: true,
    vi: 'Thiết lập in của {where}: "signature.signers" phải là danh sách người ký, mỗi người { "title": "Người lập biểu", "note": "(Ký, ghi rõ họ tên)" }.',
    en: "{where}: print.signature.signers is a list of { title, note? }",
  },
  // Appendices, items and columns
  APPENDIX_NOT_OBJECT: {
    shape: true,
    vi: "Phụ lục appendices[{index}] phải là một đối tượng { id, heading, title, items, totalRow, columns }.",
    en: "appendices[{index}] is not an object",
  },
  APPENDIX_ID_FORMAT: {
    shape: true,
    vi: 'Phụ lục {appendix}: mã "id" chỉ gồm chữ, số và dấu . _ - (không dấu, không khoảng trắng), ví dụ "PL01".',
    en: "{appendix}: id must be letters, digits, . _ -",
  },
  APPENDIX_HEADING_TITLE: {
    shape: true,
    vi: 'Phụ lục {appendix}: "heading" (ví dụ "PHỤ LỤC 01") và "title" (tên bảng) phải là chuỗi.',
    en: "{appendix}: heading and title are text",
  },
  ITEMS_MISSING: {
    shape: true,
    vi: 'Phụ lục {appendix}: thiếu danh sách các mục ("items").',
    en: "{appendix}: items are missing",
  },
  ITEM_SHAPE: {
    shape: true,
    vi: 'Phụ lục {appendix}, {at}: mỗi mục cần mã "id" (chữ, số, . _ -), số thứ tự "stt" (chuỗi, ví dụ "1.") và nội dung "label".',
    en: "{appendix} {at} needs an id, an stt and a label",
  },
  ITEM_MEASURES_SHAPE: {
    shape: true,
    vi: 'Phụ lục {appendix}, {at}: "measures" phải là danh sách mã chỉ tiêu, ví dụ ["NSTW", "NSDP"].',
    en: "{appendix} {at}: measures is a list of measure ids",
  },
  GROUP_EMPTY: {
    shape: true,
    vi: 'Phụ lục {appendix}, {at}: "children" (các mục con của nhóm) phải là danh sách có ít nhất một mục; mục không có mục con thì bỏ trường này.',
    en: "{appendix} {at}: children is a non-empty list of items (leave it out for a row without children)",
  },
  APPENDIX_MEASURES_SHAPE: {
    shape: true,
    vi: 'Phụ lục {appendix}: "measures" phải là danh sách (không rỗng) mã các chỉ tiêu của phụ lục; bỏ trường này nếu phụ lục có mọi chỉ tiêu.',
    en: "{appendix}: measures is a non-empty list of measure ids",
  },
  TOTAL_ROW_SHAPE: {
    shape: true,
    vi: 'Phụ lục {appendix}: dòng tổng "totalRow" cần nhãn "label" (ví dụ "Tổng cộng") và danh sách chỉ tiêu "measures".',
    en: "{appendix}: totalRow needs a label and a list of measures",
  },
  COLUMNS_MISSING: {
    shape: true,
    vi: 'Phụ lục {where}: thiếu danh sách cột ("columns" hoặc "children" của một nhóm cột) hoặc danh sách rỗng.',
    en: "{where}: columns are missing",
  },
  COLUMN_HEADER: {
    shape: true,
    vi: 'Phụ lục {where}: mỗi cột cần tiêu đề "header" (chuỗi, như in trên mẫu).',
    en: "{where}: every column needs a header",
  },
  COLUMN_FIELD: {
    shape: true,
    vi: 'Phụ lục {where}, cột "{header}": "field" chỉ có thể là "stt", "label", "unit" hoặc "note".',
    en: '{where}: column "{header}": field is stt, label, unit or note',
  },
  COLUMN_BINDING_SHAPE: {
    shape: true,
    vi: 'Phụ lục {where}, cột "{header}": "measure" và "period" phải là mã (chuỗi) của một chỉ tiêu và một kỳ.',
    en: '{where}: column "{header}": measure and period are ids (text)',
  },
  COLUMN_WIDTHS: {
    shape: true,
    vi: 'Phụ lục {appendix}: "columnWidths" phải là danh sách độ rộng cột (số dương), theo thứ tự cột in.',
    en: "{appendix}: columnWidths is a list of positive numbers",
  },
  PLAN_SHAPE: {
    shape: true,
    vi: 'Số liệu kế hoạch ("plan") tại {at}: phải có dạng phụ lục → mục → chỉ tiêu → kỳ → số (hoặc số viết dạng chuỗi, ví dụ "403.305").',
    en: "plan {at}: figures are numbers or decimal text, keyed appendix → item → measure → period",
  },
  // What the template means
  MEASURE_ID_DUPLICATE: {
    shape: false,
    vi: 'Mã chỉ tiêu "{measure}" xuất hiện hơn một lần; mỗi chỉ tiêu cần một mã riêng.',
    en: "measure ids must be unique ({measure} appears twice)",
  },
  PERIOD_ID_DUPLICATE: {
    shape: false,
    vi: 'Mã kỳ "{period}" xuất hiện hơn một lần; mỗi kỳ cần một mã riêng.',
    en: "period ids must be unique ({period} appears twice)",
  },
  KIND_ID_DUPLICATE: {
    shape: false,
    vi: 'Mã loại báo cáo "{kind}" xuất hiện hơn một lần; mỗi loại cần một mã riêng.',
    en: "kind ids must be unique ({kind} appears twice)",
  },
  SUM_OF_UNKNOWN: {
    shape: false,
    vi: 'Chỉ tiêu tính "{measure}": "sumOf" có mã "{part}" không phải là chỉ tiêu nào của mẫu biểu.',
    en: "measure {measure}: sumOf names unknown measure {part}",
  },
  SUM_OF_SELF: {
    shape: false,
    vi: 'Chỉ tiêu tính "{measure}" không thể là tổng của chính nó; hãy bỏ "{measure}" khỏi "sumOf".',
    en: "measure {measure}: sumOf names the measure itself",
  },
  SUM_OF_DUPLICATE: {
    shape: false,
    vi: 'Chỉ tiêu tính "{measure}": "sumOf" ghi "{part}" hơn một lần.',
    en: "measure {measure}: sumOf names {part} twice",
  },
  SUM_OF_KIND: {
    shape: false,
    vi: 'Chỉ tiêu tính "{measure}" ({kind}) chỉ cộng được các chỉ tiêu cùng loại; "{part}" là {partKind}.',
    en: "measure {measure} ({kind}): sumOf part {part} is {partKind}; parts are of the same kind",
  },
  SUM_OF_COMPUTED: {
    shape: false,
    vi: 'Chỉ tiêu tính "{measure}": "{part}" cũng là chỉ tiêu tính; hãy ghi thẳng các chỉ tiêu gốc trong "sumOf".',
    en: "measure {measure}: sumOf part {part} is itself computed",
  },
  APPENDIX_ID_DUPLICATE: {
    shape: false,
    vi: 'Mã phụ lục "{appendix}" xuất hiện hơn một lần.',
    en: "appendix {appendix} appears twice",
  },
  ITEM_ID_DUPLICATE: {
    shape: false,
    vi: 'Phụ lục {appendix}: mã mục "{item}" xuất hiện hơn một lần; mã mục không được trùng trong cả phụ lục (kể cả các mục con).',
    en: "{appendix}: item id {item} appears more than once; item ids are unique across the whole appendix",
  },
  ITEM_ID_RESERVED: {
    shape: false,
    vi: 'Phụ lục {appendix}: mã mục "{item}" dành cho dòng "Tổng cộng"; hãy đặt mã khác.',
    en: '{appendix}: item ids must not be "{item}" (the total row\'s)',
  },
  APPENDIX_MEASURE_UNKNOWN: {
    shape: false,
    vi: 'Phụ lục {appendix}: "measures" có mã "{measure}" không phải là chỉ tiêu nào của mẫu biểu.',
    en: "{appendix}: unknown measure {measure}",
  },
  APPENDIX_MEASURE_DUPLICATE: {
    shape: false,
    vi: 'Phụ lục {appendix}: "measures" ghi "{measure}" hơn một lần.',
    en: "{appendix}: measure ids must be unique ({measure} appears twice)",
  },
  ITEM_MEASURE_UNKNOWN: {
    shape: false,
    vi: 'Phụ lục {appendix}, mục {item}: "{measure}" không phải là chỉ tiêu nào của mẫu biểu.',
    en: "{appendix} item {item}: unknown measure {measure}",
  },
  ITEM_MEASURE_NOT_CARRIED: {
    shape: false,
    vi: 'Phụ lục {appendix}, mục {item}: chỉ tiêu "{measure}" không thuộc các chỉ tiêu của phụ lục; hãy bỏ nó khỏi mục hoặc thêm vào "measures" của phụ lục.',
    en: "{appendix} item {item}: measure {measure} is not one of the appendix's measures",
  },
  TOTAL_ROW_MEASURE_UNKNOWN: {
    shape: false,
    vi: 'Phụ lục {appendix}, dòng tổng: "{measure}" không phải là chỉ tiêu nào của mẫu biểu.',
    en: "{appendix} total row: unknown measure {measure}",
  },
  TOTAL_ROW_MEASURE_NOT_CARRIED: {
    shape: false,
    vi: 'Phụ lục {appendix}, dòng tổng: chỉ tiêu "{measure}" không thuộc các chỉ tiêu của phụ lục; hãy bỏ nó khỏi "totalRow.measures".',
    en: "{appendix} total row: measure {measure} is not one of the appendix's measures",
  },
  SUM_OF_PARTS_APPENDIX: {
    shape: false,
    vi: 'Phụ lục {appendix} có chỉ tiêu tính "{measure}" nhưng không có chỉ tiêu thành phần "{part}"; hãy thêm "{part}" vào "measures" của phụ lục.',
    en: "{appendix}: carries computed measure {measure} but not its part {part}",
  },
  SUM_OF_PARTS_ITEM: {
    shape: false,
    vi: 'Phụ lục {appendix}, mục {item} có chỉ tiêu tính "{measure}" nhưng không có chỉ tiêu thành phần "{part}"; hãy thêm "{part}" vào "measures" của mục.',
    en: "{appendix} item {item}: carries computed measure {measure} but not its part {part}",
  },
  COLUMN_FIELD_COUNT: {
    shape: false,
    vi: 'Phụ lục {appendix}: cần đúng một cột "{field}" (có {count}).',
    en: "{appendix}: needs one {field} column",
  },
  NOTE_COLUMN_COUNT: {
    shape: false,
    vi: 'Phụ lục {appendix}: chỉ được có một cột ghi chú ("field": "note"), hiện có {count}.',
    en: "{appendix}: at most one note column ({count} found)",
  },
  COLUMN_BINDING_COUNT: {
    shape: false,
    vi: 'Phụ lục {appendix}: cột số liệu của chỉ tiêu "{measure}", kỳ "{period}" phải có đúng một, hiện có {count}.',
    en: "{appendix}: column for {measure} {period} appears {count} times",
  },
  COLUMN_UNBOUND: {
    shape: false,
    vi: 'Phụ lục {appendix}: cột "{column}" không gắn với trường ("field") hay chỉ tiêu và kỳ nào của phụ lục; hãy ghi "field" hoặc "measure" và "period" đúng mã.',
    en: '{appendix}: column "{column}" is bound to nothing known',
  },
  PLAN_APPENDIX_UNKNOWN: {
    shape: false,
    vi: 'Số liệu kế hoạch ("plan") có phụ lục "{appendix}" không có trong mẫu biểu.',
    en: "plan: unknown appendix {appendix}",
  },
  PLAN_ITEM_UNKNOWN: {
    shape: false,
    vi: 'Số liệu kế hoạch ("plan"), phụ lục {appendix}: không có mục "{item}".',
    en: "plan {appendix}: unknown item {item}",
  },
  PLAN_MEASURE_UNKNOWN: {
    shape: false,
    vi: 'Số liệu kế hoạch ("plan"), phụ lục {appendix}, mục {item}: mục này không có chỉ tiêu "{measure}".',
    en: "plan {appendix} item {item}: the item carries no measure {measure}",
  },
  PLAN_PERIOD_UNKNOWN: {
    shape: false,
    vi: 'Số liệu kế hoạch ("plan"), phụ lục {appendix}, mục {item}, chỉ tiêu {measure}: "{period}" không phải là kỳ nào của mẫu biểu.',
    en: "plan {appendix} item {item} {measure}: unknown period {period}",
  },
} as const satisfies Record<string, Entry>;

export type TemplateProblemCode = keyof typeof TEMPLATE_PROBLEMS;

/** The `{name}` placeholders of a text, as a union of names (a JSON example "{ … }" is none). */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name extends `${string}${" " | '"'}${string}`
    ? Placeholders<Rest>
    : Name | Placeholders<Rest>
  : never;

/** The params a code's texts name, checked at compile time. */
export type TemplateProblemParams<C extends TemplateProblemCode> = {
  [Name in Placeholders<(typeof TEMPLATE_PROBLEMS)[C]["vi"]> | Placeholders<(typeof TEMPLATE_PROBLEMS)[C]["en"]>]:
    string | number;
};

/** One problem: its code, where it is (a JSON pointer into the template), its params and both texts. */
export interface TemplateProblem {
  code: TemplateProblemCode;
  /** JSON pointer (RFC 6901) of the value to fix: "/appendices/0/items/2/children/1/id"; "" the whole template. */
  path: string;
  params: Params;
  /** For finance staff: what to fix. */
  vi: string;
  en: string;
}

/** The `where` of print problems: an appendix id, or the template's own settings. */
export const TEMPLATE_WIDE = "template";

function localParams(params: Params, lang: Language): Params {
  if (lang === "vi" && params.where === TEMPLATE_WIDE) return { ...params, where: "mẫu biểu (chung)" };
  return params;
}

export function templateProblemText(code: TemplateProblemCode, params: Params, lang: Language): string {
  return interpolate(TEMPLATE_PROBLEMS[code][lang], localParams(params, lang));
}

export function templateProblem<C extends TemplateProblemCode>(
  code: C,
  path: string,
  params: TemplateProblemParams<C>,
): TemplateProblem {
  const p = params as Params;
  return { code, path, params: p, vi: templateProblemText(code, p, "vi"), en: templateProblemText(code, p, "en") };
}

export function isShapeProblem(code: TemplateProblemCode): boolean {
  return TEMPLATE_PROBLEMS[code].shape;
}

/** A JSON pointer from path segments: "~" and "/" escaped as RFC 6901 says. */
export function pointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}
