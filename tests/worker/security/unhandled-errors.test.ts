// Requests that used to end in an unhandled 500 (issue 12) answer a clear 4xx with a stable
// code, store nothing, and parent cycles in the unit tree are refused.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { workbook, XLSX_TYPE } from "../../pages/support/workbooks";
import { request } from "../../pages/workerd/page-client";
import { ADMIN, call, count, countR2, freshUnits, ok, tokenFor } from "../api/helpers";

const codeOf = async (res: Response) => ((await res.json()) as { errors: { code: string }[] }).errors[0].code;

describe("X-File-Name", () => {
  it("a name that is not valid percent-encoding, or holds a control character, is 400 INVALID_FILE_NAME and stores nothing", async () => {
    const { units } = await freshUnits(1);
    const token = await tokenFor("submitter", units[0]);
    const upload = (name: string) =>
      call(`/api/submissions?template=kh-157-2023&unit=${units[0]}&kind=plan`, {
        token,
        body: workbook(),
        headers: { "Content-Type": XLSX_TYPE, "X-File-Name": name },
      });
    const before = [await count("snapshots"), await countR2()];
    for (const name of ["100%.xlsx", "%E0%A4%A.xlsx", "%ZZ.xlsx", "a%0Ab.xlsx", "a%00.xlsx", "%7F.xlsx"]) {
      const res = await upload(name);
      expect(res.status, name).toBe(400);
      expect(await codeOf(res), name).toBe("INVALID_FILE_NAME");
    }
    expect([await count("snapshots"), await countR2()]).toEqual(before);
    // A well-encoded Vietnamese name is kept as the district named it.
    const receipt = await ok(await upload(encodeURIComponent("Trần Đề 100%.xlsx")), 201);
    expect(receipt.fileName).toBe("Trần Đề 100%.xlsx");
  });
});

describe("static files", () => {
  it("names inherited from Object.prototype are 404 NOT_FOUND, not a 500", async () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      const res = await call(`/static/${name}`);
      expect(res.status, name).toBe(404);
      expect(await codeOf(res), name).toBe("NOT_FOUND");
    }
    expect((await call("/static/app.css")).status).toBe(200);
  });
});

describe("sign-in", () => {
  it("a control character in `next` is ignored like any other unsafe target: the role's page, never a 500", async () => {
    const token = await tokenFor("leader");
    for (const next of [
      "/dashboard\u0001",
      "/dash\u0000board",
      "/dashboard\u007f",
      "/dashboard\r\nSet-Cookie: x=1",
      "/bảng",
    ]) {
      const res = await request("/sign-in", { form: { token, next } });
      expect(res.status, JSON.stringify(next)).toBe(303);
      expect(res.headers.get("location"), JSON.stringify(next)).toBe("/dashboard");
    }
    // A next the browser percent-encoded still goes back where it was.
    const back = await request("/sign-in", { form: { token, next: "/dashboard?kind=execution&asOf=2024-03-10" } });
    expect(back.headers.get("location")).toBe("/dashboard?kind=execution&asOf=2024-03-10");
    const page = await request(`/sign-in?next=${encodeURIComponent("/review\u0001")}`);
    expect(page.status).toBe(200);
    expect(await page.text()).not.toContain('name="next"');
  });
});

describe("units", () => {
  const unitRows = async (code: string) =>
    (await env.DB.prepare("SELECT code, parent FROM units WHERE code = ?").bind(code).all()).results;
  const audits = async (target: string) =>
    (await env.DB.prepare("SELECT count(*) AS n FROM audit WHERE target = ?").bind(target).first<{ n: number }>())!.n;

  it("an unknown parent is 422 UNIT_PARENT_UNKNOWN, and nothing is written", async () => {
    const code = `NOPARENT${Date.now().toString(36)}`.slice(0, 20);
    const res = await call("/api/units", {
      token: ADMIN,
      json: { code, name: "Đơn vị thử", kind: "huyện", parent: "NO-SUCH-UNIT" },
    });
    expect(res.status).toBe(422);
    expect(await codeOf(res)).toBe("UNIT_PARENT_UNKNOWN");
    expect(await unitRows(code)).toEqual([]);
    expect(await audits(code)).toBe(0);
  });

  it("a parent that is the unit itself or one below it is 422 UNIT_PARENT_CYCLE; the tree is unchanged", async () => {
    // root → a → b → c
    const { root } = await freshUnits(0);
    const [a, b, c] = ["a", "b", "c"].map((x) => `${root}-${x}`);
    for (const [code, parent] of [
      [a, root],
      [b, a],
      [c, b],
    ]) {
      await ok(
        await call("/api/units", { token: ADMIN, json: { code, name: `Đơn vị ${code}`, kind: "huyện", parent } }),
      );
    }
    const self = `${root}-self`;
    for (const [code, parent] of [
      [a, c],
      [a, b],
      [a, a],
      [b, c],
      [self, self],
    ]) {
      const res = await call("/api/units", {
        token: ADMIN,
        json: { code, name: `Đơn vị ${code}`, kind: "huyện", parent },
      });
      expect(res.status, `${code} under ${parent}`).toBe(422);
      expect(await codeOf(res), `${code} under ${parent}`).toBe("UNIT_PARENT_CYCLE");
    }
    expect(await unitRows(a)).toEqual([{ code: a, parent: root }]);
    expect(await unitRows(self)).toEqual([]);
    expect(await audits(self)).toBe(0);
    // Moving a unit to another branch (no cycle) is still allowed; the branch answers the new tree.
    await ok(
      await call("/api/units", { token: ADMIN, json: { code: c, name: `Đơn vị ${c}`, kind: "huyện", parent: a } }),
    );
    expect(await unitRows(c)).toEqual([{ code: c, parent: a }]);
    const leader = await tokenFor("leader");
    expect((await call(`/api/consolidated?unit=${a}`, { token: leader })).status).toBe(200);
  });
});
