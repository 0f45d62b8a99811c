// A template proposed from printed tables (issue 16, point 3): every shipped template printed
// blank and read back is equivalent to itself; a table another program laid out is read the same
// way; what the reader cannot decide is listed with its cell.
import { afterAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { rmSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { printAppendix } from "../../domain/grid/print";
import type { Grid } from "../../domain/grid/model";
import { checkTemplate } from "../../domain/template/check";
import { inferTemplate } from "../../domain/template/infer";
import { listTemplates } from "../../domain/template/registry";
import type { Template } from "../../domain/template/model";
import { readXlsx, writeXlsx } from "../../worker/xlsx";
import { workDir } from "../xlsx/support/soffice";
import { measureMap, templateView } from "./support/template-equivalence";

const printed = (t: Template) => t.appendices.map((a) => printAppendix(t, a, { formulas: true }));

function expectEquivalent(actual: Template, expected: Template) {
  const map = measureMap(expected, actual);
  expect(templateView(actual)).toEqual(templateView(expected, (m) => map.get(m) ?? `?${m}`));
}

describe.each(listTemplates().map((t) => [t.id, t] as const))("the blank printed tables of %s", (_, template) => {
  it("read back as an equivalent template that passes checkTemplate", () => {
    const { template: inferred, undecided } = inferTemplate(printed(template), { id: "mau-doc-lai" });
    expect(undecided).toEqual([]);
    expect(checkTemplate(inferred)).toEqual([]);
    expectEquivalent(inferred, template);
  });

  it("read back the same through the blank .xlsx workbook", () => {
    const grids = readXlsx(new Uint8Array(writeXlsx(printed(template))));
    const { template: inferred, undecided } = inferTemplate(grids);
    expect(undecided).toEqual([]);
    expect(checkTemplate(inferred)).toEqual([]);
    expectEquivalent(inferred, template);
  });

  it("read back without merge information and without formulas (spans from blank cells)", () => {
    const grids: Grid[] = printed(template).map((g) => ({ sheet: g.sheet, values: g.values }));
    const { template: inferred } = inferTemplate(grids);
    expect(checkTemplate(inferred)).toEqual([]);
    const view = templateView(inferred);
    const want = templateView(template, (m) => measureMap(template, inferred).get(m) ?? `?${m}`);
    // Without formulas a row's measures cannot be told: everything else is the same.
    expect(view.appendices.map((a) => a.columns)).toEqual(want.appendices.map((a) => a.columns));
    expect(view.appendices.map((a) => a.title)).toEqual(want.appendices.map((a) => a.title));
  });
});

describe("the equivalence used above", () => {
  it("tells a different binding, label, nesting or signature apart (so the round trips can fail)", () => {
    const template = listTemplates()[0];
    const { template: inferred } = inferTemplate(printed(template));
    const differ = (change: (t: Template) => void) => {
      const other = structuredClone(inferred);
      change(other);
      const map = measureMap(template, other);
      return JSON.stringify(templateView(other)) !== JSON.stringify(templateView(template, (m) => map.get(m) ?? m));
    };
    expect(differ(() => {})).toBe(false);
    expect(differ((t) => (t.appendices[0].items[0].label += " "))).toBe(true);
    expect(
      differ(
        (t) =>
          t.appendices[0].items[1].children?.push({ id: "x", stt: "-", label: "x" }) ??
          (t.appendices[0].items[1].children = [{ id: "x", stt: "-", label: "x" }]),
      ),
    ).toBe(true);
    expect(differ((t) => (t.print!.signature!.signers[0].title = "Kế toán"))).toBe(true);
    expect(differ((t) => ((t.appendices[2].columns[3].children![0] as { period?: string }).period = "2023"))).toBe(
      true,
    );
  });
});

const ON_CI = process.env.CI === "true" || process.env.CI === "1";
function python(): string | null {
  try {
    execFileSync("/usr/bin/python3", ["-c", "import openpyxl"], { stdio: "ignore", timeout: 30_000 });
    return "/usr/bin/python3";
  } catch {
    if (ON_CI) throw new Error("CI is set but python3-openpyxl was not found: apt-get install -y python3-openpyxl");
    return null;
  }
}
const PYTHON = python();
const dir = workDir("infer-template");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A money-only table typed by hand in another program: an "ĐVT" line, roman groups, numbers as STT, notes. */
const OPENPYXL_TABLE = `
import sys, openpyxl
from openpyxl.styles import Font
wb = openpyxl.Workbook()
ws = wb.active
ws.title = "Bieu 2"
ws["A1"] = "PHỤ LỤC 2"
ws["A2"] = "Kinh phí hỗ trợ truyền thông giai đoạn 2026-2027"
ws["H3"] = "ĐVT: triệu đồng"
ws.append([])
ws.append(["STT", "Nội dung", "Đơn vị tính", "Cả giai đoạn 2026-2027", None, "Năm 2026", None, "Năm 2027", None, "Ghi chú"])
ws.append([None, None, None, "NSTW", "NSĐP", "NSTW", "NSĐP", "NSTW", "NSĐP", None])
ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)", "(10)"])
for r in ("A5:A6", "B5:B6", "C5:C6", "D5:E5", "F5:G5", "H5:I5", "J5:J6"):
    ws.merge_cells(r)
rows = [
    ("I", "Truyền thông cấp thành phố", None),
    (1, "Phóng sự truyền hình", "Phóng sự"),
    (2, "Tờ gấp", "Tờ"),
    ("II", "Truyền thông cấp xã", None),
    (1, "Loa truyền thanh", None),
    ("a", "Xã vùng sâu", "Cụm"),
    ("b", "Xã ven biển", "Cụm"),
    ("-", "Bảo trì", "Lần"),
]
for stt, label, unit in rows:
    ws.append([stt, label, unit, None, None, None, None, None, None, "Sở Văn hóa" if unit == "Tờ" else None])
ws.append([None, "Tổng cộng"] + [None] * 8)
ws.append([])
ws["H18"] = "Cần Thơ, ngày    tháng    năm 2026"
ws["B19"] = "NGƯỜI LẬP BIỂU"
ws["H19"] = "GIÁM ĐỐC"
for c in ("B19", "H19"):
    ws[c].font = Font(bold=True)
wb.save(sys.argv[1])
`;

describe.skipIf(!PYTHON)("a table laid out by openpyxl", () => {
  it("is read with its unit line, roman groups, nesting, notes column and signature", () => {
    const file = join(dir, "bieu-2.xlsx");
    execFileSync(PYTHON!, ["-c", OPENPYXL_TABLE, file], { timeout: 60_000 });
    const { template, undecided } = inferTemplate(readXlsx(new Uint8Array(readFileSync(file))), { id: "bieu-moi" });
    expect(undecided).toEqual([]);
    expect(checkTemplate(template)).toEqual([]);
    expect(template.money).toMatchObject({ unit: "triệu đồng", dongPerUnit: 1e6 });
    expect(template.periods.map((p) => [p.id, p.label, !!p.total])).toEqual([
      ["total", "Giai đoạn 2026-2027", true],
      ["2026", "Năm 2026", false],
      ["2027", "Năm 2027", false],
    ]);
    expect(template.measures.map((m) => [m.id, m.kind])).toEqual([
      ["NSTW", "money"],
      ["NSDP", "money"],
    ]);
    const [a] = template.appendices;
    expect([a.id, a.heading, a.title]).toEqual([
      "PL2",
      "PHỤ LỤC 2",
      "Kinh phí hỗ trợ truyền thông giai đoạn 2026-2027",
    ]);
    const tree = (items: Template["appendices"][0]["items"]): unknown =>
      items.map((i) => [i.id, i.stt, i.label, ...(i.children ? [tree(i.children)] : [])]);
    expect(tree(a.items)).toEqual([
      [
        "I",
        "I",
        "Truyền thông cấp thành phố",
        [
          ["I.1", "1", "Phóng sự truyền hình"],
          ["I.2", "2", "Tờ gấp"],
        ],
      ],
      [
        "II",
        "II",
        "Truyền thông cấp xã",
        [
          [
            "II.1",
            "1",
            "Loa truyền thanh",
            [
              ["II.1.a", "a", "Xã vùng sâu"],
              ["II.1.b", "b", "Xã ven biển", [["II.1.b.1", "-", "Bảo trì"]]],
            ],
          ],
        ],
      ],
    ]);
    expect(a.totalRow).toEqual({ label: "Tổng cộng", measures: ["NSTW", "NSDP"] });
    const leaves = (nodes: Template["appendices"][0]["columns"]): unknown[] =>
      nodes.flatMap((n) => (n.children ? leaves(n.children) : [n.field ?? `${n.measure}|${n.period}`]));
    expect(leaves(a.columns)).toEqual([
      "stt",
      "label",
      "unit",
      "NSTW|total",
      "NSDP|total",
      "NSTW|2026",
      "NSDP|2026",
      "NSTW|2027",
      "NSDP|2027",
      "note",
    ]);
    expect(template.print?.signature).toEqual({
      place: "Cần Thơ",
      dateLine: true,
      signers: [{ title: "NGƯỜI LẬP BIỂU" }, { title: "GIÁM ĐỐC" }],
    });
  });
});

describe("what cannot be decided", () => {
  const grid = (header: (string | null)[][]): Grid => ({
    sheet: "PL05",
    values: [
      ["PHỤ LỤC 05", null, null, null, null, null],
      ["Bảng thử", null, null, null, null, null],
      [null, null, null, null, null, null],
      ...header,
      ["1", "Mục một", null, null, null, null],
      [null, "Tổng cộng", null, null, null, null],
    ],
  });

  it("names the cell of a column whose measure it cannot tell", () => {
    const { undecided } = inferTemplate([
      grid([
        ["STT", "Nội dung", "Năm 2026 (triệu đồng)", null, null, null],
        [null, null, "NSTW", "NSĐP", "Vốn khác", null],
      ]),
    ]);
    expect(undecided).toEqual([
      { cell: "PL05!E5", message: expect.stringContaining('"Năm 2026 (triệu đồng) / Vốn khác"') },
    ]);
  });

  it("names the cell of a header that states two periods, and of money without a unit", () => {
    const { undecided } = inferTemplate([
      grid([
        ["STT", "Nội dung", "Năm 2026", "Năm 2026 và Năm 2027", null, null],
        [null, null, "NSTW", "NSTW", null, null],
      ]),
    ]);
    expect(undecided.map((u) => u.cell)).toEqual(["PL05!D5", "PL05!C4"]);
    expect(undecided[0].message).toMatch(/nhiều kỳ/);
    expect(undecided[1].message).toMatch(/đơn vị tiền/);
  });
});
