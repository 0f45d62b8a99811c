// Tables as district offices lay them out (issue 13): "Tổng cộng" above the items, headers typed
// in a legacy font, years typed as numbers, the money unit on a line above the table, other
// words for the same source, "-" for nothing, the header repeated at a page break, "1,597".
// Each layout reads the plan's own figures exactly, with at most the one warning it deserves;
// each mistake is reported once, on the cell where it is, saying what to do.
import { describe, expect, it } from "vitest";
import { type CellValue, type Grid, type Issue, renderMessage, toFigureTree, validateWorkbook } from "../../domain";
import { enDecimalWords, enIntegerWords, viDecimalWords, viIntegerWords } from "../../domain/numbers/words";
import { expectedTree } from "./support/fixture";
import { ref } from "./support/exact";
import { columnOf, plant, printedGrids, rowOf, sheet, template } from "./support/grids";
import { toTcvn3, toVni } from "./support/legacy-fonts";
import {
  bodyStart,
  deleteRow,
  fillMerges,
  headerTop,
  insertRows,
  mapGrid,
  mapHeader,
  totalRowIndex,
} from "./support/transform";

const expected = expectedTree();
const clean = () => printedGrids(expected);
const IDS = ["PL01", "PL02", "PL03"];

/** Every issue as "CODE@cell", for exact comparisons. */
const codes = (issues: Issue[]) => issues.map((i) => `${i.code}@${i.cell}`);

function expectExact(grids: Grid[], warnings: string[] = []) {
  const ev = validateWorkbook(template, grids);
  expect(codes(ev.report.errors)).toEqual([]);
  expect(codes(ev.report.warnings)).toEqual(warnings);
  expect(toFigureTree(template, ev.figures)).toEqual(expected);
  return ev;
}

/** The cell of the first header cell holding exactly `text` (whole sheet, top to bottom). */
function cellOf(g: Grid, text: CellValue): { row: number; col: number } {
  for (let row = 0; row < g.values.length; row++) {
    const col = g.values[row].findIndex((v) => v === text);
    if (col >= 0) return { row, col };
  }
  throw new Error(`${g.sheet}: no cell ${String(text)}`);
}

/** Applies f to the header rows' cells (strings and numbers). */
function mapHeaderCells(g: Grid, f: (v: CellValue, row: number, col: number) => CellValue): Grid {
  const top = headerTop(g);
  const end = bodyStart(g);
  return mapGrid(g, (v, r, c) => (r >= top && r < end ? f(v, r, c) : v));
}

/** The header rows of a sheet, as plain values (merges lost, as a copy-paste gives them). */
const headerRows = (g: Grid) => g.values.slice(headerTop(g), bodyStart(g)).map((r) => [...r]);

describe('"Tổng cộng" above the items', () => {
  const totalFirst = (g: Grid) => {
    const at = totalRowIndex(g);
    const row = [...g.values[at]];
    return insertRows(deleteRow(g, at), bodyStart(g), [row]);
  };

  it("reads every appendix with the total row first, then the items", () => {
    expectExact(clean().map(totalFirst));
  });

  it("reads a total printed both above and below the items (the second one ends the table)", () => {
    expectExact(clean().map((g) => insertRows(g, bodyStart(g), [[...g.values[totalRowIndex(g)]]])));
  });

  it("stops after the last item, so notes with numbers below are not read as items", () => {
    const grids = clean()
      .map(totalFirst)
      .map((g) => insertRows(g, g.values.length, [[], ["1.", "Năm 2023 là số dự kiến", null, 12]]));
    expectExact(grids);
  });

  it.each(["Tổng số", "Cộng", "TỔNG CỘNG:", "Tổng"])(
    "reads a total row labelled %j, above or below the items",
    (label) => {
      const relabel = (g: Grid) => mapGrid(g, (v) => (v === "Tổng cộng" ? label : v));
      expectExact(clean().map(totalFirst).map(relabel));
      expectExact(clean().map(relabel));
    },
  );

  it("reports a wrong total above the items at its own cell", () => {
    const grids = clean().map(totalFirst);
    const cell = plant(grids, "PL01", "total", "NSTW", "2024", 1307.02);
    const ev = validateWorkbook(template, grids);
    expect(codes(ev.report.errors)).toEqual([`GRAND_TOTAL_MISMATCH@${cell}`]);
    expect(cell).toBe(ref("PL01", 7, columnOf("PL01", "NSTW", "2024")));
  });
});

describe("headers typed in a legacy font (TCVN3 .VnTime, VNI-Times)", () => {
  const encoders = { TCVN3: toTcvn3, VNI: toVni } as const;

  for (const [encoding, encode] of Object.entries(encoders)) {
    it(`${encoding}: reads the table, with one warning per sheet at the first legacy header cell naming ${encoding} and Unikey`, () => {
      const grids = clean().map((g) => mapHeader(g, encode));
      // The first header cell whose text the legacy font changes: "Nội dung thực hiện" / "Đối tượng" / "Nội dung",
      // column B.
      const firsts = grids.map((g) => ref(g.sheet, headerTop(g), 1));
      const ev = expectExact(
        grids,
        firsts.map((c) => `LEGACY_HEADER@${c}`),
      );
      for (const w of ev.report.warnings) {
        expect(w.params.encoding).toBe(encoding);
        expect(w.message).toContain(encoding);
        expect(w.message).toContain("Unikey");
        expect(w.message).toContain("Công cụ chuyển mã");
        expect(w.message).toContain(w.cell!);
        expect(w.params.unicode).toBe(template.appendices.find((a) => a.id === w.appendix)!.columns[1].header);
        const en = renderMessage(w.code, { ...w.params, appendix: w.appendix!, cell: w.cell! }, "en");
        expect(en).toContain("Unikey");
        expect(en).toContain("Unicode");
      }
      // Every header cell the font changed is counted.
      const pl01 = sheet(grids, "PL01");
      const changed = headerRows(sheet(clean(), "PL01"))
        .flat()
        .filter((v) => typeof v === "string" && encode(v) !== v).length;
      expect(ev.report.warnings.find((w) => w.appendix === "PL01")!.params.count).toBe(changed);
      expect(pl01.values[headerTop(pl01)][1]).not.toBe("Nội dung thực hiện");
    });
  }

  it("header and item labels both in TCVN3: still one warning per sheet, not one per row", () => {
    const grids = clean().map((g) =>
      mapGrid(mapHeader(g, toTcvn3), (v, r, c) =>
        c === 1 && r >= bodyStart(g) && typeof v === "string" ? toTcvn3(v) : v,
      ),
    );
    expectExact(
      grids,
      grids.map((g) => `LEGACY_HEADER@${ref(g.sheet, headerTop(g), 1)}`),
    );
  });

  it("a legacy header that still cannot be read names the encoding as well as the column", () => {
    const grids = clean().map((g) => mapHeader(g, toTcvn3));
    const g = sheet(grids, "PL02");
    const c = columnOf("PL02", "NSDP", "2025");
    const r = g.values.findIndex((row, k) => k > headerTop(g) && row[c] === toTcvn3("Năm 2025"));
    g.values[r][c] = toTcvn3("Năm 2052");
    const ev = validateWorkbook(template, grids);
    expect(codes(ev.report.errors)).toEqual([`COLUMN_MISSING@${ref("PL02", r, c)}`]);
    expect(codes(ev.report.warnings.filter((w) => w.appendix === "PL02"))).toEqual([
      `LEGACY_HEADER@${ref("PL02", headerTop(g), 1)}`,
    ]);
  });
});

describe("headers matched by meaning: years, sources, the money unit", () => {
  const yearsAsNumbers = (g: Grid) =>
    mapHeaderCells(g, (v) => (typeof v === "string" && /^Năm \d{4}$/.test(v) ? Number(v.slice(4)) : v));
  const withoutUnit = (g: Grid) => mapHeader(g, (t) => t.replace(/\s*\(triệu đồng\)/, ""));
  /** A line above the table (the blank row under the title), at the right, as offices print it. */
  const unitLine = (text: string) => (g: Grid) => {
    const values = g.values.map((r) => [...r]);
    values[headerTop(g) - 1][values[headerTop(g)].length - 3] = text;
    return { ...g, values };
  };

  it('year headers typed as numbers (2023 under "Trong đó")', () => {
    const grids = clean().map(yearsAsNumbers);
    expect(sheet(grids, "PL01").values[headerTop(sheet(grids, "PL01")) + 2]).toContain(2023);
    expectExact(grids);
  });

  it.each(["ĐVT: Triệu đồng", "Đơn vị tính: triệu đồng", "(Đơn vị: triệu đồng)", "ĐVT: tr.đồng"])(
    "the money unit on a line above the table: %s",
    (line) => {
      expectExact(clean().map(withoutUnit).map(unitLine(line)));
    },
  );

  it("other words for the same sources and periods: NSTW, Ngân sách Trung ương, Nguồn NSĐP, Tổng số, Năm2023", () => {
    const words: Record<string, string> = {
      "Trong đó: Ngân sách TW": "Trong đó: NSTW",
      "Trong đó: Ngân sách ĐP": "Trong đó: Ngân sách địa phương",
      "Nguồn NSTW": "Ngân sách Trung ương",
      "Nguồn NSDP": "Nguồn NSĐP",
      "Tổng số giai đoạn 2021-2025": "Tổng số",
      "Năm 2024": "Năm2024",
    };
    expectExact(clean().map((g) => mapHeader(g, (t) => words[t] ?? t)));
  });

  it("all at once, without merges: TT, Nội dung, years as numbers, unit line, other source words", () => {
    const grids = clean().map((g) => {
      const out = unitLine("Đơn vị tính: Triệu đồng")(yearsAsNumbers(withoutUnit(g)));
      const words: Record<string, string> = {
        STT: "TT",
        "Nội dung thực hiện": "Nội dung",
        "Trong đó: Ngân sách TW": "NSTW",
        "Nguồn NSDP": "NSĐP",
      };
      return { ...mapHeader(out, (t) => words[t] ?? t), merges: undefined };
    });
    expectExact(grids);
  });

  it("the phase written as the span of the plan's years (\"Giai đoạn 2023-2025\") and the unit beside the header's first row", () => {
    const grids = clean().map((g) => {
      const out = mapHeader(withoutUnit(g), (t) => t.replace(/2021 ?- ?2025/, "2023-2025"));
      out.values[headerTop(out)].push(null, "ĐVT: triệu đồng");
      return out;
    });
    expectExact(grids);
  });

  it("a unit other than the template's is an error at the cell that states it, and its figures are not read", () => {
    const grids = clean();
    const g = sheet(grids, "PL01");
    const at = cellOf(g, "Kinh phí (triệu đồng)");
    g.values[at.row][at.col] = "Kinh phí (nghìn đồng)";
    const lined = clean().map(withoutUnit).map(unitLine("ĐVT: đồng"));
    const ev = validateWorkbook(template, grids);
    expect(codes(ev.report.errors)).toEqual([`MONEY_UNIT_DIFFERS@${ref("PL01", at.row, at.col)}`]);
    expect(ev.report.errors[0].message).toContain("nghìn đồng");
    expect(ev.report.errors[0].message).toContain("triệu đồng");
    const ev2 = validateWorkbook(template, lined);
    expect(codes(ev2.report.errors)).toEqual(
      IDS.map((id) => {
        const c = cellOf(sheet(lined, id), "ĐVT: đồng");
        return `MONEY_UNIT_DIFFERS@${ref(id, c.row, c.col)}`;
      }),
    );
  });

  it("no unit anywhere is an error at the money header, saying to add it", () => {
    const grids = clean().map(withoutUnit);
    const ev = validateWorkbook(template, grids);
    const at = (id: string, text: string) => {
      const c = cellOf(sheet(grids, id), text);
      return `MONEY_UNIT_MISSING@${ref(id, c.row, c.col)}`;
    };
    expect(codes(ev.report.errors)).toEqual([
      at("PL01", "Kinh phí"),
      at("PL02", "Kinh phí"),
      at("PL03", "Nguồn kinh phí"),
    ]);
    expect(codes(ev.report.errors)[2]).toBe("MONEY_UNIT_MISSING@PL03!E6");
    expect(ev.report.errors[0].message).toContain("ĐVT: triệu đồng");
  });

  it("a column not recognised is reported at its own header cell, not at STT", () => {
    const grids = clean();
    const pl01 = sheet(grids, "PL01");
    const c = columnOf("PL01", "NSTW", "2024");
    const r = pl01.values.findIndex((row, k) => k > headerTop(pl01) && row[c] === "Năm 2024");
    pl01.values[r][c] = "Năm 2026";
    const pl03 = sheet(grids, "PL03");
    const q = cellOf(pl03, "Năm 2025");
    pl03.values[q.row][q.col] = "Năm 2052";
    const ev = validateWorkbook(template, grids);
    const missing = ev.report.errors.filter((e) => e.code === "COLUMN_MISSING");
    expect(codes(missing)).toEqual([
      `COLUMN_MISSING@${ref("PL01", r, c)}`,
      `COLUMN_MISSING@${ref("PL03", q.row, q.col)}`,
      `COLUMN_MISSING@${ref("PL03", q.row, q.col)}`,
      `COLUMN_MISSING@${ref("PL03", q.row, q.col)}`,
    ]);
    expect(missing[0].message).toContain("PL01!");
    expect(missing[0].message).toContain("Năm 2024");
  });

  it("a header cell left empty is reported where its text should be", () => {
    const grids = clean();
    const g = sheet(grids, "PL02");
    const c = columnOf("PL02", "quantity", "2024");
    const r = g.values.findIndex((row, k) => k > headerTop(g) && row[c] === "Năm 2024");
    g.values[r][c] = null;
    const ev = validateWorkbook(template, grids);
    expect(codes(ev.report.errors.filter((e) => e.code === "COLUMN_MISSING"))).toEqual([
      `COLUMN_MISSING@${ref("PL02", r, c)}`,
    ]);
  });

  it("two columns with the same meaning are refused at both, never guessed", () => {
    const grids = clean();
    const g = sheet(grids, "PL01");
    const c = columnOf("PL01", "NSTW", "2025");
    const r = g.values.findIndex((row, k) => k > headerTop(g) && row[c] === "Năm 2025");
    const a = columnOf("PL01", "NSTW", "2024");
    g.values[r][a] = 2025;
    g.values[r][c] = "2025";
    const ev = validateWorkbook(template, grids);
    expect(codes(ev.report.errors.filter((e) => e.code.startsWith("COLUMN")))).toEqual([
      `COLUMN_AMBIGUOUS@${ref("PL01", r, a)}`,
      `COLUMN_MISSING@${ref("PL01", r, a)}`,
    ]);
    expect(ev.report.errors[0].message).toContain(ref("PL01", r, c));
  });
});

describe('"-" typed for nothing (accounting style)', () => {
  const DASHES = ["-", "–", "—", "−", "- ", " - "];

  it("every empty figure cell holding a dash reads as empty, with one warning per sheet at the first dash", () => {
    const firsts: string[] = [];
    const counts: number[] = [];
    const grids = clean().map((g) => {
      let k = 0;
      let first: string | null = null;
      const start = bodyStart(g);
      const out = mapGrid(g, (v, r, c) => {
        if (r < start || c < 3 || v !== null || r > totalRowIndex(g)) return v;
        first ??= ref(g.sheet, r, c);
        return DASHES[k++ % DASHES.length];
      });
      firsts.push(first!);
      counts.push(k);
      return out;
    });
    const ev = expectExact(
      grids,
      firsts.map((c) => `DASH_AS_EMPTY@${c}`),
    );
    ev.report.warnings.forEach((w, k) => {
      expect(w.params.count).toBe(counts[k]);
      expect(w.message).toContain(String(counts[k]));
      expect(w.message).toContain(w.cell!);
    });
  });
});

describe("a header repeated in the middle of the table (page break)", () => {
  it("skips the repeated header rows and a numbering row, wherever they are", () => {
    const grids = clean().map((g) => {
      const again = headerRows(g);
      const numbers = g.values[bodyStart(g)].map((_, k) => (k === 5 ? "(6)=(7)+(8)" : k + 1));
      // After the first item, and (PL01, PL03) after the second.
      let out = insertRows(g, bodyStart(g) + 1, [...again, numbers]);
      if (g.sheet !== "PL02")
        out = insertRows(
          out,
          bodyStart(g) + 2 + again.length + 1,
          fillMerges({ ...g, values: again.map((r) => [...r]), merges: [] }).values,
        );
      return out;
    });
    expectExact(grids);
  });

  it("an unknown row is quoted by what it holds, never as an empty text", () => {
    const grids = clean();
    const g = sheet(grids, "PL01");
    const at = rowOf(g, "2");
    const row = new Array<CellValue>(g.values[at].length).fill(null);
    row[columnOf("PL01", "quantity", "2023")] = 10;
    g.values.splice(at, 0, row);
    const ev = validateWorkbook(template, grids);
    const unknown = ev.report.errors.find((e) => e.code === "ITEM_UNKNOWN")!;
    expect(unknown.params.text).toBe("10");
  });
});

describe('"1,597": both readings in the message', () => {
  it("a lone comma-number on a sheet of numbers is read the Vietnamese way and the warning says the other reading", () => {
    const grids = clean();
    const cell = plant(grids, "PL01", "1", "NSTW", "2023", "403,305");
    const ev = expectExact(grids, [`NUMBER_COMMA_DECIMAL@${cell}`]);
    const w = ev.report.warnings[0];
    expect(w.message).toContain("403,305");
    expect(w.message).toContain("bốn trăm linh ba phẩy ba không năm");
    expect(w.message).toContain("bốn trăm linh ba nghìn ba trăm linh năm");
    expect(w.message).toContain("403305");
    const en = renderMessage(w.code, { ...w.params, cell: w.cell! }, "en");
    expect(en).toContain("403.305 (four hundred three point three zero five)");
    expect(en).toContain("four hundred three thousand three hundred five");
  });

  it("says it for 1,597 exactly as a person would, and a sheet with a plain vi-VN number keeps the short warning", () => {
    const grids = clean();
    const cell = plant(grids, "PL02", "1", "quantity", "2024", "1,597");
    const ev = validateWorkbook(template, grids);
    const w = ev.report.warnings.find((i) => i.cell === cell)!;
    expect(w.code).toBe("NUMBER_COMMA_DECIMAL");
    expect(w.message).toContain("đọc là 1,597 (một phẩy năm chín bảy) theo cách viết Việt Nam");
    expect(w.message).toContain("nếu ý là một nghìn năm trăm chín mươi bảy, hãy gõ 1597");
    expect(renderMessage(w.code, { ...w.params, cell }, "en")).toContain(
      "one thousand five hundred ninety-seven, type 1597",
    );
    // A quantity of 1.597 is no whole number: still an error at the cell.
    expect(codes(ev.report.errors)).toContain(`NOT_INTEGER@${cell}`);

    const firm = clean();
    const a = plant(firm, "PL01", "1", "NSTW", "2023", "403,305");
    plant(firm, "PL01", "1", "NSTW", "total", "1.209,915");
    const read = validateWorkbook(template, firm);
    expect(read.report.warnings.find((i) => i.cell === a)!.code).toBe("NUMBER_AS_TEXT");
  });

  it("numbers in words, Vietnamese and English", () => {
    const cases: [string, string, string][] = [
      ["0", "không", "zero"],
      ["5", "năm", "five"],
      ["10", "mười", "ten"],
      ["15", "mười lăm", "fifteen"],
      ["21", "hai mươi mốt", "twenty-one"],
      ["105", "một trăm linh năm", "one hundred five"],
      ["1005", "một nghìn không trăm linh năm", "one thousand five"],
      ["1597", "một nghìn năm trăm chín mươi bảy", "one thousand five hundred ninety-seven"],
      ["2000001", "hai triệu không trăm linh một", "two million one"],
      ["1000000000", "một tỷ", "one billion"],
    ];
    for (const [n, vi, en] of cases) {
      expect(viIntegerWords(n)).toBe(vi);
      expect(enIntegerWords(n)).toBe(en);
    }
    expect(viDecimalWords("1.597")).toBe("một phẩy năm chín bảy");
    expect(enDecimalWords("1.597")).toBe("one point five nine seven");
  });
});
