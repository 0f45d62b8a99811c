// The page set-up and signature block of written workbooks: the XML in the schema's order, and
// LibreOffice printing the blank workbook (and a long table) to PDF as the template says — A4
// landscape, one page wide, header rows on every page, "Trang n/m" in the footer, the signers.
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  getTemplate,
  type Item,
  itemRows,
  lookup,
  planFigures,
  printAppendix,
  type Template,
  toFigureTree,
} from "../../domain";
import type { Consolidation } from "../../worker/services/consolidate";
import { consolidatedWorkbook, workbookBytes } from "../../worker/services/export";
import { writeXlsx } from "../../worker/xlsx";
import { TEMPLATES } from "../support/templates";
import { pdfPages, popplerAvailable } from "./support/pdf";
import { libreOfficeAvailable, xlsxToPdf } from "./support/soffice";
import { tempDirs } from "./support/temp-dirs";

const template = getTemplate("kh-157-2023")!;
const blank = workbookBytes(template);
const parts = Object.fromEntries(Object.entries(unzipSync(blank)).map(([k, v]) => [k, strFromU8(v)]));

/** Where each element starts in the worksheet, in the order CT_Worksheet (ECMA-376 Part 1, 18.3.1.99) requires. */
const WORKSHEET_ORDER = [
  "sheetPr",
  "dimension",
  "sheetViews",
  "sheetFormatPr",
  "cols",
  "sheetData",
  "mergeCells",
  "dataValidations",
  "pageMargins",
  "pageSetup",
  "headerFooter",
];

describe("the page set-up in the written XML", () => {
  it("puts sheetPr first and pageMargins, pageSetup, headerFooter after the data, in schema order", () => {
    for (const k of [1, 2, 3]) {
      const xml = parts[`xl/worksheets/sheet${k}.xml`];
      const at = WORKSHEET_ORDER.map((name) => xml.indexOf(`<${name}`));
      expect(at.every((i) => i > 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      expect(xml.indexOf("<sheetPr")).toBe(
        xml.indexOf("<worksheet") + xml.slice(xml.indexOf("<worksheet")).indexOf(">") + 1,
      );
      expect(xml).toContain(`<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>`);
      expect(xml).toContain(`<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>`);
      expect(xml).toContain(
        `<headerFooter><oddFooter>&amp;CTrang &amp;P/&amp;N</oddFooter></headerFooter></worksheet>`,
      );
    }
  });

  it("repeats each sheet's header rows through sheet-local _xlnm.Print_Titles, between sheets and calcPr", () => {
    const workbook = parts["xl/workbook.xml"];
    const rows = template.appendices.map((a) => {
      const p = printAppendix(template, a);
      return `$${p.page!.titleRows!.first + 1}:$${p.page!.titleRows!.last + 1}`;
    });
    expect(workbook).toContain(
      `</sheets><definedNames>` +
        template.appendices
          .map(
            (a, k) => `<definedName name="_xlnm.Print_Titles" localSheetId="${k}">'${a.id}'!${rows[k]}</definedName>`,
          )
          .join("") +
        `</definedNames><calcPr`,
    );
  });
});

/** PL01 with its items repeated until the table needs more than one page. */
function longTemplate(): Template {
  const pl01 = template.appendices[0];
  const items: Item[] = Array.from({ length: 60 }, (_, k) => ({
    ...pl01.items[k % pl01.items.length],
    id: String(k + 1),
    stt: `${k + 1}.`,
    label: `Nội dung ${k + 1}`,
  }));
  return { ...template, appendices: [{ ...pl01, items }] };
}

const A4 = { long: 841.89, short: 595.28 };

/**
 * Printed text as pdftotext -layout gives it back: the words in order, a cell's wrapped lines
 * apart (other columns' text in between), and the glyphs of a word sometimes spaced out.
 */
function printed(label: string): RegExp {
  const escape = (ch: string) => ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const words = label.split(/\s+/).map((w) => [...w].map(escape).join(" ?"));
  return new RegExp(words.join("[\\s\\S]{1,400}?"));
}

describe.skipIf(!libreOfficeAvailable() || !popplerAvailable())(
  "LibreOffice prints the workbooks as the template says",
  { timeout: 180_000 },
  () => {
    const tempDir = tempDirs();

    // Every built-in template (issue 16): plan 157 and the nested 2026–2030 sample.
    describe.each(TEMPLATES)("template $id", (t) => {
      it("the blank workbook: each appendix on one landscape A4 page wide, page numbers, title, rows, signers", () => {
        const bytes = workbookBytes(t);
        const pages = pdfPages(tempDir("print-blank"), xlsxToPdf(tempDir("print-blank-pdf"), "mau.xlsx", bytes));
        expect(pages.length).toBeGreaterThanOrEqual(t.appendices.length);
        for (const page of pages) {
          expect(page.width).toBeCloseTo(A4.long, 0);
          expect(page.height).toBeCloseTo(A4.short, 0);
        }
        const n = pages.length;
        pages.forEach((page, k) => expect(page.text).toMatch(new RegExp(`Trang ${k + 1}/${n}\\b`)));
        const text = pages.map((p) => p.text).join("\f");
        const lastYear = lookup(t).years.at(-1)!.label;
        for (const a of t.appendices) {
          // One page wide: the heading and the last column's header on the same page (no page to the right).
          const page = pages.find((p) => p.text.includes(a.heading))!;
          expect(page.text).toMatch(printed(lastYear));
          expect(page.text).toContain("STT");
          expect(page.text).toMatch(printed(a.title));
          // Every row as printed, groups included (a long label wraps inside its cell).
          for (const { item } of itemRows(a)) expect(page.text).toMatch(printed(item.label));
          expect(page.text).toMatch(printed(a.totalRow.label));
        }
        expect(text.match(/Người lập biểu/g)).toHaveLength(t.appendices.length);
        expect(text.match(/Thủ trưởng đơn vị/g)).toHaveLength(t.appendices.length);
        expect(text).toContain(`${t.print!.signature!.place}, ngày … tháng … năm …`);
        // Nothing spills onto a page of its own to the right: every page has the STT column's header or the signers.
        for (const page of pages) expect(/STT|Người lập biểu/.test(page.text)).toBe(true);
      });
    });

    it("the consolidated export: each appendix on one page with its signers and its wrapped footnotes", () => {
      // 60 units' columns: the breakdown by unit runs over several pages.
      const tree = toFigureTree(template, planFigures(template)!);
      const units = Array.from({ length: 60 }, (_, k) => ({
        unit: `U${k}`,
        version: 1,
        snapshot: `s${k}`,
        sha256: "0",
      }));
      const report = {
        template: template.id,
        templateVersion: template.version,
        templateVersions: [template.version],
        kind: "plan",
        basis: "latest",
        asOf: "2026-11-30T03:00:00.000Z",
        root: null,
        units,
        passedOver: [],
        appendices: tree,
        unplaced: {},
        plan: tree,
        percentOfPlan: {},
        hash: "0".repeat(64),
      } as Consolidation["report"];
      const names = new Map(units.map((u, k) => [u.unit, `Xã ${k + 1}`]));
      const consolidation: Consolidation = {
        report,
        template,
        perUnit: units.map((u) => ({ unit: u.unit, version: 1, tree })),
        names,
      };
      const bytes = consolidatedWorkbook(consolidation, names);
      const pages = pdfPages(tempDir("print-export"), xlsxToPdf(tempDir("print-export-pdf"), "tong-hop.xlsx", bytes));
      // Each appendix on exactly one page, its footnotes (60 units named) wrapped within the table,
      // then the breakdown by unit.
      const first = pages.findIndex((p) => printed("Chi tiết theo đơn vị").test(p.text));
      expect(first).toBe(template.appendices.length);
      template.appendices.forEach((a, k) => {
        expect(pages[k].text, a.id).toMatch(printed(a.title));
        expect(pages[k].text, a.id).toMatch(printed("Xã 60 (U59)"));
        expect(pages[k].text, a.id).toMatch(printed("Người lập biểu"));
        expect(pages[k].text, a.id).toMatch(/Trang \d+\/\d+/);
      });
      expect(pages.length).toBeGreaterThan(first);
    });

    it("a long table: the header rows repeated on page 2, the signers after the last row", () => {
      const long = longTemplate();
      const bytes = writeXlsx([printAppendix(long, long.appendices[0])]);
      const pages = pdfPages(tempDir("print-long"), xlsxToPdf(tempDir("print-long-pdf"), "dai.xlsx", bytes));
      expect(pages.length).toBeGreaterThanOrEqual(2);
      expect(pages[1].text).toContain("STT");
      expect(pages[1].text).not.toContain("PHỤ LỤC 01");
      expect(pages[1].text).toMatch(new RegExp(`Trang 2/${pages.length}\\b`));
      const last = pages[pages.length - 1].text;
      expect(last).toContain("Người lập biểu");
      expect(last.indexOf("Nội dung 60")).toBeLessThan(last.indexOf("Người lập biểu"));
    });
  },
);
