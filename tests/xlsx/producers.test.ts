// The producer matrix: workbooks made by the programs districts use (ExcelJS, openpyxl,
// XlsxWriter, LibreOffice from CSV / re-saving as .xlsx / as .ods, Gnumeric as .xlsx / .ods),
// in the layouts offices use, all from one layout description (support/producers/layouts.ts).
// Each file goes through the real reader (the upload's: readSpreadsheet for .xlsx/.ods, with the
// upload's limits) and validateWorkbook,
// and must give the plan's own figures (tests/fixtures/kh-157-appendices.json) exactly; each
// producer's planted-error file must give exactly its one error, at its cell. Every file is
// generated once, in beforeAll. A producer whose program is not installed is skipped locally
// and fails on CI (CI=true), where .ci/run installs them all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { strFromU8, unzipSync } from "fflate";
import { getTemplate, type Grid, toFigureTree, validateWorkbook } from "../../domain";
import { UPLOAD_LIMITS } from "../../worker/services/submission-request";
import { readSpreadsheet, XlsxError } from "../../worker/xlsx";
import { expectedTree } from "./support/fixture";
import { type LayoutId, LAYOUTS, mergeRect } from "./support/producers/layouts";
import {
  key,
  layout,
  layoutsOf,
  type Matrix,
  PRODUCERS,
  produceMatrix,
  producerAvailable,
  type ProducerId,
} from "./support/producers/matrix";
import { workDir } from "./support/soffice";

const template = getTemplate("kh-157-2023")!;
const dir = workDir("producers");
let matrix: Matrix = {};

// soffice starts cold in well under a minute even on a slow CI; the whole matrix takes seconds here.
beforeAll(async () => {
  matrix = await produceMatrix(dir);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The upload's reader: .xlsx, .ods and .fods told apart by their bytes. */
const readUpload = (bytes: Uint8Array): Grid[] => readSpreadsheet(bytes, UPLOAD_LIMITS);

/** The grids of one producer's workbook, read as an upload is; a refused file fails with its code. */
function gridsOf(producer: ProducerId, id: LayoutId): Grid[] {
  const files = matrix[key(producer, id)];
  if (files === undefined) throw new Error(`${key(producer, id)}: not generated (see beforeAll)`);
  if (files instanceof Error) throw files;
  return files.flatMap((f) => {
    try {
      return readUpload(f.bytes).map((g) => (f.sheet ? { ...g, sheet: f.sheet } : g));
    } catch (err) {
      if (err instanceof XlsxError) throw new Error(`${f.name}: ${err.code}: ${err.message}`);
      throw err;
    }
  });
}

const isPlanted = (id: LayoutId) => id.startsWith("error.");

/** What a producer saved for the formulas of an .xlsx: the workbook's calcPr and each formula's cached value. */
function savedFormulas(bytes: Uint8Array): { fullCalcOnLoad: boolean; cached: (string | null)[] } {
  const parts = unzipSync(bytes);
  const workbook = strFromU8(parts["xl/workbook.xml"]);
  const sheet = strFromU8(parts["xl/worksheets/sheet1.xml"]);
  const cached = [...sheet.matchAll(/<c [^>]*[^/]>(.*?)<\/c>/g)]
    .filter((m) => m[1].includes("<f"))
    .map((m) => /<v>([^<]*)<\/v>/.exec(m[1])?.[1] ?? null);
  return { fullCalcOnLoad: /fullCalcOnLoad="(1|true)"/.test(workbook), cached };
}

for (const producer of PRODUCERS) {
  describe(`${producer.id}: ${producer.program}`, () => {
    // The only reason to skip: the producer's program is not installed here (never on CI).
    const notInstalled = !producerAvailable(producer);

    it.skipIf(notInstalled).each(layoutsOf(producer).filter((id) => !isPlanted(id)))(
      `${producer.id} × %s: the plan's figures, no errors`,
      (id) => {
        const grids = gridsOf(producer.id, id);
        const ev = validateWorkbook(template, grids);
        expect(
          ev.report.errors.map((e) => `${e.code}@${e.cell}`),
          LAYOUTS[id],
        ).toEqual([]);
        expect(toFigureTree(template, ev.figures), LAYOUTS[id]).toEqual(expectedTree());
        // The file really is in the layout: its merged ranges came through (where the producer keeps them).
        if (producer.merges)
          grids.forEach((g, k) =>
            expect(g.merges ?? [], g.sheet).toEqual(expect.arrayContaining(layout(id).sheets[k].merges.map(mergeRect))),
          );
      },
    );

    // The cached-zero files really are what XlsxWriter and pandas write, so that layout tests what it claims.
    if (layoutsOf(producer).includes("cached-zero")) {
      it.skipIf(notInstalled)(
        `${producer.id} × cached-zero: the file saves its formulas with 0 or no result and asks for a full recalculation`,
        () => {
          const files = matrix[key(producer.id, "cached-zero")];
          if (!files || files instanceof Error) throw files ?? new Error("not generated");
          const saved = savedFormulas(files[0].bytes);
          expect(saved.fullCalcOnLoad).toBe(true);
          expect(saved.cached.length).toBeGreaterThan(0);
          expect(saved.cached.filter((v) => v !== null && Number(v) !== 0)).toEqual([]);
        },
      );
    }

    it.skipIf(notInstalled).each(layoutsOf(producer).filter(isPlanted))(
      `%s: ${producer.id}: the one planted error, at its cell`,
      (id) => {
        const want = layout(id).planted!;
        const ev = validateWorkbook(template, gridsOf(producer.id, id));
        expect(
          ev.report.errors.map((e) => `${e.code}@${e.cell}`),
          LAYOUTS[id],
        ).toEqual([`${want.code}@${want.cell}`]);
        // And what it is about, in the report's own terms (PL01's "Tổng cộng", NSTW, phase total).
        expect(ev.report.errors[0]).toMatchObject(want);
      },
    );
  });
}
