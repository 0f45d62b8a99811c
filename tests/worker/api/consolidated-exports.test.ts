// Decision 0020: what people open. The consolidated workbook (format=xlsx) reads day-first in
// Vietnam time, names units by name and code, and adds the breakdown by unit with the province
// plan and % of plan; the people's CSV (format=csv-vi) is that breakdown for a spreadsheet set
// to Vietnamese. Both are read back here and compared with the JSON answer figure by figure.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { formatVietnamTime, getTemplate, toFigureTree, validateWorkbook } from "../../../domain";
import { readXlsx } from "../../../worker/xlsx";
import { ADMIN, call, freshUnits, ok, splitPlan, submission, tokenFor } from "./helpers";

const template = getTemplate("kh-157-2023")!;
const ISO = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

type Json = Record<string, any>;

/** The rows the table must have: every figure of the JSON answer, in the template's order. */
function expectedRows(report: Json, perUnit: Json[]) {
  const rows: {
    key: string;
    value: number | null;
    plan: number | null;
    percent: number | null;
    units: (number | null)[];
  }[] = [];
  const n = (v: unknown) => (v === undefined ? null : Number(v));
  for (const a of template.appendices) {
    for (const item of [...a.items.map((i) => i.id), "total"]) {
      for (const m of template.measures) {
        for (const p of template.periods) {
          const value = report.appendices[a.id]?.[item]?.[m.id]?.[p.id];
          const plan = report.plan?.[a.id]?.[item]?.[m.id]?.[p.id];
          if (value === undefined && plan === undefined) continue;
          rows.push({
            key: `${a.id}|${item}|${m.id}|${p.id}`,
            value: n(value),
            plan: n(plan),
            percent: report.percentOfPlan[a.id]?.[item]?.[m.id]?.[p.id] ?? null,
            units: perUnit.map((tree) => n(tree[a.id]?.[item]?.[m.id]?.[p.id])),
          });
        }
      }
    }
  }
  return rows;
}

async function twoUnits() {
  const { root, units } = await freshUnits(2);
  const parts = splitPlan(2);
  // Uneven shares of the plan (one third, two thirds): the units' columns differ, the total is the plan.
  for (const [k, unit] of units.entries())
    await ok(
      await call("/api/submissions", { token: await tokenFor("submitter", unit), json: submission(unit, parts[k]) }),
      201,
    );
  const leader = await tokenFor("leader");
  const reviewer = await tokenFor("reviewer");
  const json = await ok(await call(`/api/consolidated?unit=${root}&asOf=2099-12-31`, { token: leader }));
  const perUnit: Json[] = [];
  for (const u of json.units) {
    const detail = await ok(await call(`/api/submissions/${u.snapshot}`, { token: reviewer }));
    perUnit.push(detail.submission.appendices);
  }
  return { root, units, leader, json, perUnit };
}

describe("the consolidated workbook (format=xlsx)", () => {
  it("is headed in Vietnam time, names units, and has the breakdown by unit with plan and % of plan", async () => {
    const { root, units, leader, json, perUnit } = await twoUnits();
    const res = await call(`/api/consolidated?unit=${root}&asOf=2099-12-31&format=xlsx`, { token: leader });
    expect(res.status).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const grids = readXlsx(bytes);
    expect(grids.map((g) => g.sheet)).toEqual(["PL01", "PL02", "PL03", "Chi tiết theo đơn vị"]);
    // Every sheet repeats its header rows on each printed page, the long breakdown table too.
    const workbook = strFromU8(unzipSync(bytes)["xl/workbook.xml"]);
    const header = grids[3].values.findIndex((r) => r[0] === "Phụ lục") + 1;
    expect(header).toBeGreaterThan(0);
    expect(workbook).toContain(
      `<definedName name="_xlnm.Print_Titles" localSheetId="3">'Chi tiết theo đơn vị'!$${header}:$${header}</definedName>`,
    );

    // The printed sheets still read as the consolidated figures.
    const read = validateWorkbook(template, grids.slice(0, 3), { comparePlan: false });
    expect(read.report.errors).toEqual([]);
    expect(toFigureTree(template, read.figures)).toEqual(json.appendices);

    // What a person reads: day-first Vietnam time, never an ISO instant; names with codes.
    expect(json.asOf).toBe("2099-12-31T16:59:59.999Z");
    const texts = grids.flatMap((g) => g.values.flat()).filter((v): v is string => typeof v === "string");
    expect(texts.filter((t) => ISO.test(t))).toEqual([]);
    const subtitle = `Tổng hợp kế hoạch – bản mới nhất – đến 31/12/2099 23:59 (giờ Việt Nam) – Nhóm thử ${root} (${root}) và các đơn vị trực thuộc`;
    expect(formatVietnamTime(json.asOf)).toBe("31/12/2099 23:59");
    for (const g of grids) expect(g.values.flat(), g.sheet).toContain(subtitle);
    const pl01 = grids[0].values.flat();
    expect(pl01).toContain(
      `Gồm các đơn vị: Đơn vị thử 1 (${units[0]}) – phiên bản 1; Đơn vị thử 2 (${units[1]}) – phiên bản 1.`,
    );
    expect(pl01).toContain(`Mã kiểm tra: ${json.hash}`);

    // The breakdown: header, then a row per figure with the total, the plan, % of plan and each unit.
    const sheet = grids[3].values;
    const top = sheet.findIndex((row) => row[0] === "Phụ lục");
    expect(sheet[top]).toEqual([
      "Phụ lục",
      "STT",
      "Nội dung",
      "Đơn vị tính",
      "Chỉ tiêu",
      "Kỳ",
      "Tổng hợp kế hoạch",
      "Kế hoạch của tỉnh",
      "% so với kế hoạch",
      `Đơn vị thử 1 (${units[0]}) – phiên bản 1`,
      `Đơn vị thử 2 (${units[1]}) – phiên bản 1`,
    ]);
    const body = sheet.slice(top + 1).filter((row) => row.some((v) => v !== null));
    const expected = expectedRows(json, perUnit);
    expect(body).toHaveLength(expected.length);
    body.forEach((row, k) => {
      const e = expected[k];
      expect([row[6], row[7], row[8], row[9] ?? null, row[10] ?? null], e.key).toEqual([
        e.value,
        e.plan,
        e.percent,
        ...e.units,
      ]);
    });
    // Words, not ids: the first money row of PL01 item 1.
    const money = body.find((row) => row[2] === template.appendices[0].items[0].label && row[4] !== "Số lượng");
    expect(money?.slice(0, 6)).toEqual([
      "PHỤ LỤC 01",
      "1.",
      template.appendices[0].items[0].label,
      "triệu đồng",
      "Ngân sách Trung ương (NSTW)",
      "Giai đoạn 2021-2025",
    ]);
    // The units add up to the total in every row, which is the province plan: 100 % (tests/xlsx/csv-locale has others).
    for (const e of expected) expect(e.units.reduce((s: number, v) => s + (v ?? 0), 0)).toBeCloseTo(e.value ?? 0, 6);
    expect(expected.every((e) => e.percent === 100)).toBe(true);
  });
});

describe("the people's CSV (format=csv-vi)", () => {
  it("is the breakdown with ; separators, decimal commas, a BOM and Vietnamese words; the machine CSV is unchanged", async () => {
    const { root, units, leader, json, perUnit } = await twoUnits();
    const res = await call(`/api/consolidated?unit=${root}&asOf=2099-12-31&format=csv-vi`, { token: leader });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="tong-hop-kh-157-2023-plan-vi.csv"');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith("\ufeff")).toBe(true);
    const lines = text.slice(1).split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines[0]).toBe(
      "Phụ lục;STT;Nội dung;Đơn vị tính;Chỉ tiêu;Kỳ;Tổng hợp kế hoạch;Kế hoạch của tỉnh;% so với kế hoạch;" +
        `Đơn vị thử 1 (${units[0]}) – phiên bản 1;Đơn vị thử 2 (${units[1]}) – phiên bản 1`,
    );
    const expected = expectedRows(json, perUnit);
    expect(lines.length - 1).toBe(expected.length);
    const viNumber = (v: number | null) => (v === null ? "" : String(v).replace(".", ","));
    lines.slice(1).forEach((line, k) => {
      const cells = line.split(";");
      const e = expected[k];
      expect(cells.slice(6), e.key).toEqual([e.value, e.plan, e.percent, ...e.units].map(viNumber));
      for (const cell of cells.slice(6)) expect(cell, e.key).toMatch(/^(\d+(,\d+)?)?$/);
    });
    expect(text).toContain(
      ";Tổng cộng;triệu đồng;Ngân sách Trung ương (NSTW);Giai đoạn 2021-2025;3921,03;3921,03;100;",
    );

    const machine = await call(`/api/consolidated?unit=${root}&asOf=2099-12-31&format=csv`, { token: leader });
    const machineLines = (await machine.text()).replace(/^\ufeff/, "").split("\r\n");
    expect(machineLines[0]).toBe("appendix,item,stt,label,measure,period,value,plan,percent");
    expect(machineLines).toContain("PL01,total,,Tổng cộng,NSTW,total,3921.03,3921.03,100");
  });
});

describe("names people type are data, not formulas", () => {
  it("a unit named like a formula is written protected in the people's CSV and the workbook", async () => {
    const { root, units } = await freshUnits(1);
    const hostile = '=HYPERLINK("http://x.invalid","bấm")';
    await ok(
      await call("/api/units", { token: ADMIN, json: { code: units[0], name: hostile, kind: "huyện", parent: root } }),
    );
    await ok(
      await call("/api/submissions", {
        token: await tokenFor("submitter", units[0]),
        json: submission(units[0], { PL02: { "1": { quantity: { "2023": 1 }, NSTW: { "2023": "1" } } } }),
      }),
      201,
    );
    const leader = await tokenFor("leader");
    const csv = await (await call(`/api/consolidated?unit=${root}&format=csv-vi`, { token: leader })).text();
    const header = csv
      .replace(/^\ufeff/, "")
      .split("\r\n")[0]
      .split(";");
    expect(header.at(-1)).toBe(`"'=HYPERLINK(""http://x.invalid"",""bấm"") (${units[0]}) – phiên bản 1"`);
    const xlsx = await call(`/api/consolidated?unit=${root}&format=xlsx`, { token: leader });
    const texts = readXlsx(new Uint8Array(await xlsx.arrayBuffer()))
      .flatMap((g) => g.values.flat())
      .filter((v): v is string => typeof v === "string");
    expect(texts.filter((t) => t.includes("HYPERLINK")).every((t) => !t.startsWith("="))).toBe(true);
    expect(texts).toContain(`'${hostile} (${units[0]}) – phiên bản 1`);
  });
});
