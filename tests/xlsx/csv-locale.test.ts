// Issue 15, point 1: the consolidated CSVs opened the way people open them. LibreOffice imports
// each CSV under Vietnamese (vi-VN, LCID 1066) and English (en-US, 1033) settings and saves it
// as .xlsx; our reader reads that back and every figure is compared with the report.
//
// - The people's CSV (format=csv-vi: `;`, decimal commas) is exact under vi-VN.
// - The machine CSV (format=csv: `,`, decimal points) is exact under en-US, and under vi-VN it is
//   misread (403.305 becomes 403305, 3921.03 stays text): the reason the people's CSV exists.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type CellValue,
  compareWithPlan,
  type FigureTree,
  getTemplate,
  planFigures,
  sumTrees,
  toFigureTree,
  TOTAL_ROW,
  validateWorkbook,
} from "../../domain";
import { breakdown, type UnitColumn } from "../../worker/services/breakdown";
import type { ConsolidatedReport } from "../../worker/services/consolidate";
import { consolidatedCsv, peopleCsv } from "../../worker/services/csv";
import { readXlsx } from "../../worker/xlsx";
import { csvToXlsx, libreOfficeAvailable } from "./support/soffice";
import { tempDirs } from "./support/temp-dirs";

const template = getTemplate("kh-157-2023")!;
const dir = tempDirs();

const VI_VN = 1066;
const EN_US = 1033;
/** LibreOffice's CSV import: separator, quote, UTF-8, from line 1, standard column types, the locale. */
const importFilter = (separator: ";" | ",", locale: number) => `CSV:${separator.charCodeAt(0)},34,76,1,,${locale}`;

/** Trần Đề's sample workbook (docs/samples) and the province plan, as two units' figures. */
function units(): UnitColumn[] {
  const sample = readXlsx(new Uint8Array(readFileSync(new URL("../../docs/samples/tran-de.xlsx", import.meta.url))));
  const read = validateWorkbook(template, sample);
  expect(read.report.errors).toEqual([]);
  return [
    { unit: "951", name: "Huyện Trần Đề", version: 2, tree: toFigureTree(template, read.figures) },
    {
      unit: "STTTT",
      name: "Sở Thông tin và Truyền thông",
      version: 1,
      tree: toFigureTree(template, planFigures(template)!),
    },
  ];
}

/** The report the Worker would answer for these units, built with the same domain functions. */
function reportOf(columns: UnitColumn[]): ConsolidatedReport {
  const sum = sumTrees(
    template,
    columns.map((c) => c.tree),
  );
  const plan = planFigures(template)!;
  const percentOfPlan: ConsolidatedReport["percentOfPlan"] = {};
  for (const [a, items] of Object.entries(compareWithPlan(template, sum, plan)))
    for (const [i, measures] of Object.entries(items))
      for (const [m, periods] of Object.entries(measures))
        for (const [p, c] of Object.entries(periods))
          if (c.percent !== undefined) (((percentOfPlan[a] ??= {})[i] ??= {})[m] ??= {})[p] = c.percent;
  return {
    template: template.id,
    kind: "plan",
    appendices: toFigureTree(template, sum),
    plan: toFigureTree(template, plan),
    percentOfPlan,
  } as ConsolidatedReport;
}

interface Expected {
  key: string;
  label: string;
  /** Canonical texts: "1209.915", "480", "112.5"; "" for an empty cell. */
  figures: string[];
}

/** Every row the CSVs hold, in their order, with the figures as canonical text (independent of the writers). */
function expectedRows(report: ConsolidatedReport, columns: UnitColumn[]): Expected[] {
  const rows: Expected[] = [];
  const text = (v: string | number | undefined) => (v === undefined ? "" : String(v));
  const at = (tree: FigureTree | null, a: string, i: string, m: string, p: string) => tree?.[a]?.[i]?.[m]?.[p];
  for (const a of template.appendices) {
    for (const item of [...a.items, { id: TOTAL_ROW, label: a.totalRow.label }]) {
      for (const m of template.measures) {
        for (const p of template.periods) {
          const value = at(report.appendices, a.id, item.id, m.id, p.id);
          const plan = at(report.plan, a.id, item.id, m.id, p.id);
          if (value === undefined && plan === undefined) continue;
          rows.push({
            key: `${a.id} ${item.id} ${m.id} ${p.id}`,
            label: item.label,
            figures: [
              text(value),
              text(plan),
              text(report.percentOfPlan[a.id]?.[item.id]?.[m.id]?.[p.id]),
              ...columns.map((c) => text(at(c.tree, a.id, item.id, m.id, p.id))),
            ],
          });
        }
      }
    }
  }
  return rows;
}

/** Converts one CSV under one locale and answers its sheet's rows below the header. */
function imported(name: string, csv: string, separator: ";" | ",", locale: number): CellValue[][] {
  const out = csvToXlsx(dir(name), { [`${name}.csv`]: csv }, importFilter(separator, locale));
  const grids = readXlsx(out[`${name}.xlsx`]);
  expect(grids).toHaveLength(1);
  return grids[0].values.slice(1).filter((row) => row.some((v) => v !== null && v !== ""));
}

/** A figure cell as LibreOffice saved it: a number (as its canonical text) or text that stayed text. */
function figure(v: CellValue | undefined): string {
  if (v === null || v === undefined) return "";
  return typeof v === "number" ? String(v) : `text:${String(v)}`;
}

describe.skipIf(!libreOfficeAvailable())(
  "the consolidated CSVs in LibreOffice, vi-VN and en-US",
  { timeout: 120_000 },
  () => {
    const columns = units();
    const report = reportOf(columns);
    const expected = expectedRows(report, columns);

    it("the people's CSV (format=csv-vi) is exact under vi-VN: every figure, plan, % and unit column", () => {
      const csv = peopleCsv(breakdown(template, report, columns));
      const rows = imported("nguoi-doc", csv, ";", VI_VN);
      expect(rows).toHaveLength(expected.length);
      rows.forEach((row, k) => {
        expect(String(row[2]).normalize("NFC"), expected[k].key).toBe(expected[k].label);
        expect(
          [6, 7, 8, 9, 10].map((c) => figure(row[c])),
          expected[k].key,
        ).toEqual(expected[k].figures);
      });
      // The sample has three-decimal money and % of plan with a decimal: the cases the point broke.
      expect(expected.some((e) => /\.\d{3}$/.test(e.figures[0]))).toBe(true);
      expect(expected.some((e) => /\.\d$/.test(e.figures[2]))).toBe(true);
    });

    it("the machine CSV (format=csv) is exact under en-US", () => {
      const rows = imported("may-en", consolidatedCsv(template, report), ",", EN_US);
      expect(rows).toHaveLength(expected.length);
      rows.forEach((row, k) => {
        expect(String(row[3]).normalize("NFC"), expected[k].key).toBe(expected[k].label);
        expect(
          [6, 7, 8].map((c) => figure(row[c])),
          expected[k].key,
        ).toEqual(expected[k].figures.slice(0, 3));
      });
    });

    it("the machine CSV under vi-VN is misread: points become thousands separators or leave text", () => {
      const rows = imported("may-vi", consolidatedCsv(template, report), ",", VI_VN);
      expect(rows).toHaveLength(expected.length);
      const wrong = rows.flatMap((row, k) =>
        [6, 7, 8].flatMap((c, j) => {
          const want = expected[k].figures[j];
          const got = figure(row[c]);
          return got === want ? [] : [{ key: expected[k].key, want, got }];
        }),
      );
      // 1,000 times too large: "403.305" read as 403305.
      expect(wrong.some((w) => /^\d+\.\d{3}$/.test(w.want) && w.got === w.want.replace(".", ""))).toBe(true);
      // Or left as text nobody can add up: "3921.03".
      expect(wrong.some((w) => w.got === `text:${w.want}`)).toBe(true);
      expect(wrong.length).toBeGreaterThan(expected.length / 2);
    });
  },
);
