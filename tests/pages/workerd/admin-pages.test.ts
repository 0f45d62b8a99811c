// The administrator's pages (issue 17, point 3) in-process: only an administrator opens them (a
// district, a leader and a reviewer get the 403 page naming who may), the "Quản trị" entry is in
// the top navigation of administrators only, every form refuses a cross-site post, refusals name
// the field and change nothing, and the audit CSV is the people's CSV (BOM, semicolons).
import { describe, expect, it } from "vitest";
import { ADMIN, call, freshUnits, ok, submission, tokenFor } from "../../worker/api/helpers";
import { html, request, signIn, textOf } from "./page-client";

const PAGES = ["/admin", "/admin/units", "/admin/tokens", "/admin/templates", "/admin/rounds", "/admin/audit"];
const FORMS = [
  "/admin/units/add",
  "/admin/units/rename",
  "/admin/units/late-reports",
  "/admin/units/import",
  "/admin/tokens",
  "/admin/templates/upload",
  "/admin/rounds",
];

async function units(asOf: string): Promise<{ code: string; name: string; parent: string | null }[]> {
  const res = await call(`/api/units?asOf=${asOf}`, { token: ADMIN });
  return (await ok<{ units: { code: string; name: string; parent: string | null }[] }>(res)).units;
}

describe("administrator's pages: who may open them", () => {
  it("answer 403 to a district, a leader and a reviewer, with the page naming the administrator", async () => {
    const { units: codes } = await freshUnits(1);
    const cookies = {
      district: await signIn(await tokenFor("submitter", codes[0])),
      leader: await signIn(await tokenFor("leader")),
      reviewer: await signIn(await tokenFor("reviewer")),
    };
    for (const [who, cookie] of Object.entries(cookies)) {
      for (const path of PAGES) {
        const page = await html(await request(path, { cookie }), 403);
        expect(textOf(page), `${who} ${path}`).toContain("Trang này dành cho: Quản trị");
      }
      // Their top navigation has no "Quản trị" entry.
      const home = await request(who === "district" ? "/district" : "/dashboard", { cookie });
      expect(await home.text(), who).not.toContain('href="/admin"');
      // A post is refused too, and nothing is stored.
      const res = await request("/admin/units/add", {
        cookie,
        form: { code: `X${Date.now().toString(36)}`, name: "Không được thêm", kind: "xã" },
      });
      expect(res.status, who).toBe(403);
    }
  });

  it("sends a visitor without a session to the sign-in page, then back", async () => {
    const res = await request("/admin/units");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/sign-in?next=%2Fadmin%2Funits");
  });

  it("opens every page for an administrator, with the Quản trị entry marked current and the admin navigation", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    for (const path of PAGES) {
      const page = await html(await request(path, { cookie }));
      expect(page, path).toMatch(/<a href="\/admin" aria-current="page">Quản trị<\/a>/);
      expect(page, path).toContain('aria-label="Các việc quản trị"');
      // Dates are typed day first: no date picker.
      expect(page, path).not.toMatch(/type="date"/);
    }
    const en = await html(await request("/admin/units?lang=en", { cookie }));
    expect(textOf(en)).toContain("Administration");
    expect(textOf(en)).toContain("Import units from a CSV file");
  });

  it("refuses a cross-site post to every form", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    for (const path of FORMS) {
      const res = await request(path, { cookie, form: { code: "Z" }, origin: "https://evil.example" });
      expect(res.status, path).toBe(403);
    }
  });
});

describe("administrator's forms", () => {
  it("adds a unit, renames it from a day: the tree of each day shows the name of that day", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    const code = `A${Date.now().toString(36)}`.slice(0, 12);
    const added = await request("/admin/units/add", {
      cookie,
      form: { code, name: "Xã Thử Nghiệm", kind: "xã", parent: "94", date: "01/01/2024" },
    });
    expect(added.status).toBe(303);
    const done = await html(await request(added.headers.get("location")!, { cookie }));
    expect(textOf(done)).toContain(`Đã thêm đơn vị ${code}.`);
    const renamed = await request("/admin/units/rename", {
      cookie,
      form: { unit: code, name: "Xã Thử Nghiệm Mới", date: "01/07/2025" },
    });
    expect(renamed.status).toBe(303);
    expect((await units("2025-06-30")).find((u) => u.code === code)?.name).toBe("Xã Thử Nghiệm");
    expect((await units("2025-07-01")).find((u) => u.code === code)?.name).toBe("Xã Thử Nghiệm Mới");
    const before = textOf(await html(await request("/admin/units?asOf=30/06/2025", { cookie })));
    expect(before).toContain(`${code} Xã Thử Nghiệm (xã)`);
    const after = textOf(await html(await request("/admin/units?asOf=2025-07-01", { cookie })));
    expect(after).toContain(`${code} Xã Thử Nghiệm Mới (xã)`);
  });

  it("allows a closed district's closing report from the units page, audited; an unknown kind names the field", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    const { units: made } = await freshUnits(1);
    const unit = made[0];
    await ok(
      await call("/api/units/transitions", { token: ADMIN, json: { kind: "close", unit, date: "2025-07-01" } }),
      201,
    );
    const token = await tokenFor("submitter", unit);
    const body = submission(unit, { PL02: { "1": { quantity: { "2023": 3 }, NSTW: { "2023": "1" } } } });
    expect((await call("/api/submissions", { token, json: body })).status).toBe(403);
    const page = textOf(await html(await request("/admin/units", { cookie })));
    expect(page).toContain("Cho phép nộp báo cáo sau khi đơn vị hết hiệu lực");

    const wrong = await request("/admin/units/late-reports", {
      cookie,
      form: { unit, kind: "kh-157-2023|nope", until: "31/12/2026", reason: "báo cáo chốt" },
    });
    expect(wrong.status).toBe(422);
    expect(await wrong.text()).toContain('id="late-kind"');
    expect((await call("/api/submissions", { token, json: body })).status).toBe(403);

    const allowed = await request("/admin/units/late-reports", {
      cookie,
      form: { unit, kind: "kh-157-2023|plan", until: "31/12/2099", reason: "báo cáo chốt" },
    });
    expect(allowed.status).toBe(303);
    const done = textOf(await html(await request(allowed.headers.get("location")!, { cookie })));
    expect(done).toContain(`Đã cho phép đơn vị ${unit} nộp báo cáo`);
    expect((await call("/api/submissions", { token, json: body })).status).toBe(201);
    const audit = textOf(await html(await request(`/admin/audit?unit=${unit}&action=unit.late-reports`, { cookie })));
    expect(audit).toContain("unit.late-reports");
    expect(audit).toContain("báo cáo chốt");
  });

  it("refuses a change naming the field: a date that is no day, a rename before the last change; nothing changes", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    const code = `B${Date.now().toString(36)}`.slice(0, 12);
    await request("/admin/units/add", { cookie, form: { code, name: "Xã Trước", kind: "xã", parent: "92" } });
    const bad = await html(
      await request("/admin/units/rename", { cookie, form: { unit: code, name: "Xã Sau", date: "31/02/2025" } }),
      422,
    );
    expect(textOf(bad)).toContain("Ô “Ngày hiệu lực”: “31/02/2025” không phải một ngày");
    expect(bad).toMatch(/id="rename-date"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="rename-date"/);
    // The values typed are kept in the refused form.
    expect(bad).toMatch(/value="Xã Sau"/);
    // A parent that no longer exists on the unit's first day is named with its life.
    const gone = await html(
      await request("/admin/units/add", { cookie, form: { code: `${code}g`, name: "Xã", kind: "xã", parent: "94" } }),
      422,
    );
    expect(textOf(gone)).toMatch(
      /Đơn vị 94 không có hiệu lực vào ngày \d\d\/\d\d\/\d{4} \(hiệu lực: … – 30\/06\/2025\)/,
    );
    expect(gone).toMatch(/id="add-parent-error"/);
    const missing = await html(
      await request("/admin/units/add", { cookie, form: { code: "", name: "", kind: "" } }),
      422,
    );
    expect(textOf(missing)).toContain("Hãy điền ô “Mã đơn vị”.");
    expect((await units("2026-01-01")).find((u) => u.code === code)?.name).toBe("Xã Trước");
  });

  it("imports a CSV only after a dry run; a malformed file is refused with its line and column and changes nothing", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    const code = `C${Date.now().toString(36)}`.slice(0, 12);
    const good = `Mã;Tên;Cấp;Mã cấp trên\r\n${code};Phường Nhập Thử;phường;94\r\n`;
    const form = new FormData();
    form.set("file", new File([good], "don-vi.csv", { type: "text/csv" }));
    form.set("date", "");
    const preview = await html(await request("/admin/units/import", { cookie, form }));
    expect(textOf(preview)).toContain("1 thêm mới · 0 đổi tên");
    expect(textOf(preview)).toContain("Phường Nhập Thử (phường) ← 94");
    // The dry run stored nothing.
    expect((await units("2026-01-01")).some((u) => u.code === code)).toBe(false);

    const broken = new FormData();
    broken.set("file", new File([`Mã;Tên;Cấp\r\n${code}x;;xã\r\n`], "hong.csv", { type: "text/csv" }));
    const refused = await html(await request("/admin/units/import", { cookie, form: broken }), 422);
    expect(textOf(refused)).toContain("Tệp danh mục đơn vị có lỗi ở dòng 2, cột Tên");
    expect(textOf(refused)).toContain("Chưa có thay đổi nào được lưu");
    expect((await units("2026-01-01")).some((u) => u.code.startsWith(code))).toBe(false);

    // Applying posts the file previewed (kept in the form) again.
    const csv = /name="csv" value="([^"]*)"/
      .exec(preview)![1]
      .replace(/&#13;|\r/g, "\r")
      .replace(/&#10;/g, "\n");
    const applied = await request("/admin/units/import/apply", { cookie, form: { csv: decode(csv), date: "" } });
    expect(applied.status).toBe(303);
    expect(textOf(await html(await request(applied.headers.get("location")!, { cookie })))).toContain(
      "Đã nhập danh mục: 1 thêm mới",
    );
    expect((await units("2026-01-01")).find((u) => u.code === code)?.parent).toBe("94");
  });

  it("issues a token shown once on the answer only, lists it, and revokes it after a confirmation", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    const label = `Người đọc ${Date.now().toString(36)}`;
    const res = await request("/admin/tokens", { cookie, form: { label, role: "leader", unit: "", expires: "" } });
    const page = await html(res);
    const token = /id="new-token"[^>]*value="(kh157_[^"]+)"/.exec(page)?.[1] ?? /value="(kh157_[^"]+)"/.exec(page)![1];
    expect((await call("/api/me", { token })).status).toBe(200);
    // The list never shows the secret again.
    const list = await html(await request("/admin/tokens", { cookie }));
    expect(list).not.toContain(token);
    expect(textOf(list)).toContain(label);
    const id = new RegExp(`data-token="([^"]+)"><td data-label="Ghi chú: mã cấp cho ai">${label}`).exec(list)![1];
    // A submitter without a unit is refused, naming the unit field.
    const refused = await html(await request("/admin/tokens", { cookie, form: { role: "submitter", unit: "" } }), 422);
    expect(refused).toMatch(/id="issue-unit-error"/);
    // Revoking asks first; the confirmed post revokes it.
    const confirm = await html(await request(`/admin/tokens/${id}/revoke`, { cookie }));
    expect(textOf(confirm)).toContain(`Thu hồi mã “${label}”?`);
    const unconfirmed = await request(`/admin/tokens/${id}/revoke`, { cookie, form: {} });
    expect(unconfirmed.status).toBe(303);
    expect((await call("/api/me", { token })).status).toBe(200);
    const revoked = await request(`/admin/tokens/${id}/revoke`, { cookie, form: { confirm: "yes" } });
    expect(revoked.status).toBe(303);
    expect((await call("/api/me", { token })).status).toBe(401);
  });

  it("sets a round with a day-first deadline, and refuses an unknown period naming the field", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    const bad = await html(
      await request("/admin/rounds", {
        cookie,
        form: { template: "kh-157-2023", kind: "plan", period: "1999", deadline: "15/01/2025" },
      }),
      422,
    );
    expect(bad).toMatch(/id="round-period-error"/);
    const set = await request("/admin/rounds", {
      cookie,
      form: { template: "kh-157-2023", kind: "plan", period: "2024", deadline: "15/01/2025", opens: "", units: "" },
    });
    expect(set.status).toBe(303);
    const rounds = await ok<{ rounds: { period: string; deadline: string }[] }>(
      await call("/api/rounds?template=kh-157-2023&kind=plan", { token: ADMIN }),
    );
    expect(rounds.rounds.find((r) => r.period === "2024")?.deadline).toBe("2025-01-15");
  });

  it("filters the audit log and downloads it as the people's CSV", async () => {
    const cookie = await signIn(await tokenFor("admin"));
    const code = `D${Date.now().toString(36)}`.slice(0, 12);
    await request("/admin/units/add", { cookie, form: { code, name: "Xã Nhật Ký", kind: "xã", parent: "92" } });
    const page = textOf(await html(await request(`/admin/audit?unit=${code}`, { cookie })));
    expect(page).toContain("1 dòng");
    expect(page).toContain("unit.add");
    const csv = await request(`/admin/audit/audit.csv?unit=${code}`, { cookie });
    expect(csv.headers.get("content-type")).toMatch(/^text\/csv/);
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe("Số;Thời điểm;Người thực hiện;Vai trò;Thao tác;Đối tượng;Chi tiết");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`;unit.add;${code};`);
    const wrong = textOf(await html(await request("/admin/audit?from=32/01/2025", { cookie }), 422));
    expect(wrong).toContain("Ô “Từ ngày”: “32/01/2025” không phải một ngày");
  });
});

function decode(s: string): string {
  return s
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}
