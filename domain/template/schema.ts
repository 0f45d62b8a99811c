// The template format as a JSON Schema (draft 2020-12): the one source of docs/template.schema.json
// (written by scripts/template-schema.mjs) and of GET /api/templates/schema.json. It describes
// the shape templateProblems checks (check.ts); tests/domain/template-schema.test.ts mutates valid
// templates and checks both give the same verdict. Meaning (ids that must match, one phase total,
// sums) is check.ts's alone and documented in docs/templates.md. Not exported from domain/index.ts:
// the add-in pane checks templates with check.ts and never needs this.
import { DECIMAL_PATTERN, DONG_PER_UNIT, ID_PATTERN, TEMPLATE_ID_PATTERN } from "./check";
import { TEMPLATE_PROBLEMS, type TemplateProblemCode } from "./problems";

type Schema = Record<string, unknown>;

const text: Schema = { type: "string", minLength: 1 };
const anyText: Schema = { type: "string" };
const id = (description: string): Schema => ({ type: "string", pattern: ID_PATTERN, description });
const ids = (description: string, minItems = 0): Schema => ({
  type: "array",
  ...(minItems ? { minItems } : {}),
  items: text,
  description,
});
const flag = (description: string): Schema => ({ type: "boolean", description });
const object = (required: string[], properties: Record<string, Schema>, description?: string): Schema => ({
  type: "object",
  ...(description ? { description } : {}),
  required,
  properties,
});
const list = (items: Schema, description: string): Schema => ({ type: "array", minItems: 1, items, description });
const ref = (name: string): Schema => ({ $ref: `#/$defs/${name}` });

const labelled = (what: string, extra: Record<string, Schema> = {}, required: string[] = []) =>
  object(["id", "label", ...required], {
    id: id(`The ${what}'s id: letters, digits, . _ - (no spaces, no diacritics).`),
    label: { ...text, description: "Vietnamese label, as printed." },
    en: { ...anyText, description: "English label; the Vietnamese one is shown when absent." },
    ...extra,
  });

/** The JSON Schema of a template definition (domain/template/model.ts). */
export function templateSchema(): Schema {
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "Template (mẫu biểu)",
    description:
      "One plan's appendices as data (docs/templates.md). The shape only: the admin upload " +
      "(POST /api/templates) also checks what it means and answers TEMPLATE_INVALID with stable problem codes.",
    type: "object",
    required: [
      "id",
      "version",
      "name",
      "document",
      "money",
      "quantityMax",
      "periods",
      "measures",
      "kinds",
      "appendices",
    ],
    properties: {
      id: {
        type: "string",
        pattern: TEMPLATE_ID_PATTERN,
        description: "The template's id: lower-case letters, digits and dashes.",
      },
      version: {
        type: "integer",
        minimum: 1,
        description: "Raised by 1 for every change; a stored version never changes.",
      },
      name: { ...text, description: "The plan's name, as lists show it." },
      document: object(
        ["number", "issuer", "date", "title"],
        {
          number: { ...anyText, description: 'The plan document\'s number ("157/KH-UBND").' },
          issuer: { ...anyText, description: "Who issued it." },
          date: { ...anyText, description: "Its date (YYYY-MM-DD)." },
          title: { ...anyText, description: "Its title." },
          attachment: { ...anyText, description: "The line under each appendix's title ((Kèm theo …))." },
          province: object(["code", "name"], { code: anyText, name: anyText }, "The province the plan is for."),
          lead: { ...anyText, description: "The lead agency." },
        },
        "The plan document the appendices belong to.",
      ),
      money: object(
        ["unit", "dongPerUnit", "decimals", "max"],
        {
          unit: { ...text, description: 'The money unit as printed ("triệu đồng").' },
          unitEn: { ...anyText, description: "The money unit in English." },
          dongPerUnit: { enum: DONG_PER_UNIT, description: "Đồng in one money unit: a power of ten." },
          decimals: { type: "integer", minimum: 0, description: "Decimals a money figure may have." },
          max: { type: "string", pattern: DECIMAL_PATTERN, description: "The largest money figure of one cell." },
        },
        "How money figures are written.",
      ),
      quantityMax: { type: "number", exclusiveMinimum: 0, description: "The largest quantity of one cell." },
      periods: {
        ...list(
          labelled("period", { total: flag("The phase total: the sum of every other period (exactly one).") }),
          "The years and the phase total (exactly one period has total: true).",
        ),
        contains: { type: "object", required: ["total"], properties: { total: { const: true } } },
        minContains: 1,
        maxContains: 1,
      },
      measures: list(
        labelled(
          "measure",
          {
            kind: { enum: ["count", "money"], description: "count (quantities) or money." },
            short: { ...anyText, description: "A short label for narrow places." },
            numberFormat: { ...anyText, description: 'The Excel number format ("#,##0.###").' },
            sumOf: {
              ...ids("A computed measure: the sum of these measures (same kind, none computed).", 1),
            },
          },
          ["kind", "numberFormat"],
        ),
        "What is counted or paid (quantity, NSTW, NSĐP…).",
      ),
      kinds: list(labelled("report kind"), "Report kinds (plan, execution…) a submission may name."),
      print: ref("print"),
      appendices: list(ref("appendix"), "The appendices (sheets), in printed order."),
      plan: {
        type: "object",
        description: "The province plan's own figures: appendix → item → measure → period → figure.",
        additionalProperties: {
          type: "object",
          additionalProperties: {
            type: "object",
            additionalProperties: {
              type: "object",
              additionalProperties: {
                type: ["number", "string"],
                description: 'A quantity, or money as a decimal text in the money unit ("403.305").',
              },
            },
          },
        },
      },
    },
    $defs: {
      appendix: object(
        ["id", "heading", "title", "items", "totalRow", "columns"],
        {
          id: id('The appendix\'s id and sheet name ("PL01").'),
          heading: { ...anyText, description: '"PHỤ LỤC 01".' },
          title: { ...anyText, description: "The table's title." },
          items: { type: "array", items: ref("item"), description: "The rows, in printed order." },
          measures: ids("The measures this appendix carries; all of the template's when absent.", 1),
          totalRow: object(
            ["label", "measures"],
            { label: { ...anyText, description: '"Tổng cộng".' }, measures: ids("The measures the total row sums.") },
            "The total row under the items.",
          ),
          columns: list(ref("column"), "The printed header tree."),
          columnWidths: {
            type: "array",
            items: { type: "number", exclusiveMinimum: 0 },
            description: "Column widths in printed order.",
          },
          print: ref("print"),
        },
        "One appendix: one sheet, one printed table.",
      ),
      item: object(
        ["id", "stt", "label"],
        {
          id: id('Unique across the whole appendix (children included), not "total".'),
          stt: { ...anyText, description: 'The STT as printed ("1.", "I", "a)", "-").' },
          label: { ...text, description: "The row's text." },
          unit: { ...anyText, description: "The unit of its quantities (Đơn vị tính)." },
          measures: ids("The measures this item carries; its appendix's when absent."),
          children: list(ref("item"), "A group row: its figures are the sum of these (any depth)."),
        },
        "A row of the table.",
      ),
      column: object(
        ["header"],
        {
          header: { ...anyText, description: "The header text as printed." },
          children: list(ref("column"), "A group of columns under this header."),
          field: { enum: ["stt", "label", "unit", "note"], description: "A text column; note: free text per item." },
          measure: { ...text, description: "The measure of a data column." },
          period: { ...text, description: "The period of a data column." },
        },
        "A printed header cell: a group of columns, or one column bound to a field or to a measure and period.",
      ),
      print: object(
        ["orientation", "paper", "fitToWidth", "repeatHeader", "pageNumbers"],
        {
          orientation: { enum: ["landscape", "portrait"] },
          paper: { enum: ["A4"] },
          fitToWidth: flag("Scaled to one page wide."),
          repeatHeader: flag("Header rows repeated on every page."),
          pageNumbers: flag('"Trang 1/3" in the footer.'),
          signature: object(
            ["signers"],
            {
              place: { ...text, description: "The place of the date line." },
              dateLine: flag('"…, ngày … tháng … năm …" above the signers.'),
              signers: list(
                object(["title"], { title: text, note: { ...anyText, description: '"(Ký, ghi rõ họ tên)".' } }),
                "Who signs, left to right.",
              ),
            },
            "The signature block under the table.",
          ),
        },
        "Page set-up and signature block (an appendix's own, else the template's).",
      ),
    },
  };
}

/** The problem codes as a Markdown table (docs/templates.md, between the problem-table markers). */
export function problemTable(): string {
  const cell = (s: string) => s.replace(/\|/g, "\\|");
  const rows = (Object.keys(TEMPLATE_PROBLEMS) as TemplateProblemCode[]).map((code) => {
    const p = TEMPLATE_PROBLEMS[code];
    return `| \`${code}\` | ${p.shape ? "shape" : "meaning"} | ${cell(p.vi)} | ${cell(p.en)} |`;
  });
  return ["| Code | Kind | Vietnamese | English |", "| --- | --- | --- | --- |", ...rows].join("\n");
}

export const PROBLEM_TABLE_START = "<!-- problem-table:start (scripts/template-schema.mjs writes this table) -->";
export const PROBLEM_TABLE_END = "<!-- problem-table:end -->";
