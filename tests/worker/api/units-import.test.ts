// Issue 17: communes and other units imported from a CSV in the layout of the official list of
// administrative units (code, name, level, parent code; Vietnamese headers too; UTF-8 with or
// without BOM; comma or semicolon). A dry run answers what would change and changes nothing; a
// malformed file is refused naming its line and column, and nothing changes either.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ADMIN, call, count, freshUnits, ok, tokenFor } from "./helpers";

type Json = Record<string, any>;

let root = "";
let other = "";
let units: string[] = [];
let leader = "";

const importCsv = (csv: string, query = "") =>
  call(`/api/units/import${query}`, { token: ADMIN, body: csv, headers: { "Content-Type": "text/csv" } });
/** Every row of the tables an import may write, to show that nothing changed. */
const state = async () => {
  const tables = ["units", "unit_parents", "unit_names", "unit_successions", "audit"];
  const rows = await Promise.all(tables.map((t) => env.DB.prepare(`SELECT * FROM ${t}`).all()));
  return JSON.stringify(rows.map((r) => r.results));
};
const unitsToday = async () =>
  new Map<string, Json>((await ok(await call("/api/units", { token: leader }))).units.map((u: Json) => [u.code, u]));

beforeAll(async () => {
  ({ root, units } = await freshUnits(3));
  ({ root: other } = await freshUnits(0));
  leader = await tokenFor("leader");
});

describe("POST /api/units/import", () => {
  const csv = () =>
    "\uFEFFMã;Tên;Cấp;Mã cấp trên\r\n" +
    `${root}-X1;Xã Mới Một;Xã;${root}\r\n` +
    `${root}-X2;"Phường Mới; Hai";Phường;${root}-X1\r\n` +
    `${units[0]};Đơn vị thử 1 (tên mới);Huyện;${root}\r\n` +
    `${units[1]};Đơn vị thử 2;Huyện;${other}\r\n` +
    `${units[2]};Đơn vị thử 3;Huyện;${root}\r\n`;

  it("dry run: answers what would change (added, renamed, re-parented, unchanged) and changes nothing", async () => {
    const before = await state();
    const plan = await ok(await importCsv(csv(), "?dryRun=1"));
    expect(plan.dryRun).toBe(true);
    expect(plan.added).toEqual([
      { code: `${root}-X1`, name: "Xã Mới Một", level: "xã", parent: root },
      { code: `${root}-X2`, name: "Phường Mới; Hai", level: "phường", parent: `${root}-X1` },
    ]);
    expect(plan.renamed).toEqual([{ code: units[0], from: "Đơn vị thử 1", to: "Đơn vị thử 1 (tên mới)" }]);
    expect(plan.reparented).toEqual([{ code: units[1], from: root, to: other }]);
    expect(plan.unchanged).toEqual([units[2]]);
    expect(await state()).toBe(before);
  });

  it("without dryRun applies the same changes, each audited", async () => {
    const audit = await count("audit");
    const plan = await ok(await importCsv(csv()));
    expect(plan.dryRun).toBe(false);
    const now = await unitsToday();
    expect(now.get(`${root}-X2`)).toMatchObject({ name: "Phường Mới; Hai", kind: "phường", parent: `${root}-X1` });
    expect(now.get(units[0])?.name).toBe("Đơn vị thử 1 (tên mới)");
    expect(now.get(units[1])?.parent).toBe(other);
    expect((await count("audit")) - audit).toBe(4);
    // The same file again changes nothing.
    const again = await ok(await importCsv(csv(), "?dryRun=1"));
    expect([again.added, again.renamed, again.reparented]).toEqual([[], [], []]);
    expect(again.unchanged).toHaveLength(5);
  });

  it("takes English headers and commas, a dated import re-parents from that day only", async () => {
    const text = `code,name,level,parent code\n${units[2]},Đơn vị thử 3,huyện,${other}\n`;
    const next = new Date().getUTCFullYear() + 1;
    await ok(await importCsv(text, `?date=${next}-01-01`));
    const list = async (asOf: string) =>
      new Map<string, Json>(
        (await ok(await call(`/api/units?asOf=${asOf}`, { token: leader }))).units.map((u: Json) => [u.code, u]),
      );
    expect((await list(`${next - 1}-12-31`)).get(units[2])?.parent).toBe(root);
    expect((await list(`${next}-01-01`)).get(units[2])?.parent).toBe(other);
  });

  const malformed: [string, string, number, string][] = [
    ["a missing name", `code,name,level,parent code\n${root}-Y1,Xã Y,xã,${root}\n${root}-Y2,,xã,${root}\n`, 3, "Tên"],
    ["an unknown parent", `Mã,Tên,Cấp,Mã cấp trên\n${root}-Y1,Xã Y,xã,KHONG-CO\n`, 2, "Mã cấp trên"],
    ["a code with spaces", `Mã;Tên;Cấp;Mã cấp trên\nY 1;Xã Y;xã;${root}\n`, 2, "Mã"],
    ["a repeated code", `Mã,Tên,Cấp\n${root}-Y1,Xã Y,xã\n${root}-Y1,Xã Z,xã\n`, 3, "Mã"],
    ["no level column", `Mã,Tên,Mã cấp trên\n${root}-Y1,Xã Y,${root}\n`, 1, "Cấp"],
    [
      "a cycle in the file",
      `Mã,Tên,Cấp,Mã cấp trên\n${root}-Y1,Y1,xã,${root}-Y2\n${root}-Y2,Y2,xã,${root}-Y1\n`,
      2,
      "Mã cấp trên",
    ],
  ];
  it.each(malformed)("refuses %s naming its line and column, and nothing changes", async (_, text, line, column) => {
    const before = await state();
    for (const query of ["?dryRun=1", ""]) {
      const res = await importCsv(text, query);
      expect(res.status).toBe(422);
      const error = (await res.json<Json>()).errors[0];
      expect(error.code).toBe("UNITS_CSV_MALFORMED");
      expect(error.params).toMatchObject({ line, column });
      expect(error.message).toContain(`dòng ${line}, cột ${column}`);
    }
    expect(await state()).toBe(before);
  });

  it("refuses a file that is not UTF-8, and nothing changes", async () => {
    const before = await state();
    const latin1 = new Uint8Array([...new TextEncoder().encode("Mã,Tên,Cấp\nY1,X"), 0xe3, 0x0a]);
    const res = await call("/api/units/import", {
      token: ADMIN,
      body: latin1,
      headers: { "Content-Type": "text/csv" },
    });
    expect(res.status).toBe(422);
    expect((await res.json<Json>()).errors[0].code).toBe("UNITS_CSV_MALFORMED");
    expect(await state()).toBe(before);
  });
});
