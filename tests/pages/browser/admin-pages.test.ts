// The administrator's pages (issue 17, point 3) in real Chromium against wrangler dev: the
// "Quản trị" entry, the units tree on a day typed day first, a unit added and renamed from a day
// with the keyboard, the units CSV import (a dry run that lists what would change, then applied;
// a malformed file refused with its line and column and nothing changed), a token issued (shown
// once, copied with the button) and revoked after a confirmation, a template refused with its
// problems in Vietnamese then stored and previewed as printed, a reporting round set, the audit
// log filtered and downloaded as CSV, and each page at a 390 px phone's width with no sideways
// scrolling. The README's screenshots are refreshed in docs/images/ with UPDATE_SCREENSHOTS=1.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Browser,
  chromiumAvailable,
  keepScreenshot,
  launch,
  type LocalWorker,
  startWorker,
} from "../support/browser";

const run = chromiumAvailable();
const stamp = Date.now().toString(36).slice(-5).toUpperCase();
/** Codes made for this test only (no real administrative unit has them). */
const NEW_UNIT = `THU-${stamp}`;
const CSV_A = `THU-${stamp}-A`;
const CSV_B = `THU-${stamp}-B`;

describe.skipIf(!run).sequential("the administrator's pages in Chromium", () => {
  let worker: LocalWorker;
  let browser: Browser;
  let page: Page;
  let leader = "";
  const problems: string[] = [];

  async function api<T = any>(path: string, token = worker.adminToken): Promise<{ status: number; body: T }> {
    const res = await fetch(`${worker.url}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    return { status: res.status, body: (await res.json()) as T };
  }

  async function unitsOn(day: string): Promise<{ code: string; name: string; parent: string | null }[]> {
    return (await api<{ units: { code: string; name: string; parent: string | null }[] }>(`/api/units?asOf=${day}`))
      .body.units;
  }

  async function signIn(token: string, path: string) {
    await page.goto(`${worker.url}${path}`);
    if (!page.url().includes("/sign-in")) {
      await page.getByRole("button", { name: /Đăng xuất|Sign out/ }).click();
      await page.goto(`${worker.url}${path}`);
    }
    await page.getByLabel(/Mã truy cập/).fill(token);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  }

  /** A screenshot for the README (docs/images/) and the test artifacts, checked to be a real image. */
  async function readmeShot(name: string) {
    const png = await page.screenshot({ fullPage: false });
    const image = keepScreenshot(name, png);
    expect(image.width, name).toBeGreaterThan(300);
    expect(image.colours, name).toBeGreaterThan(30);
    expect(image.dominantShare, name).toBeLessThan(0.95);
    // The README's copy changes only when asked (UPDATE_SCREENSHOTS=1): a test run leaves the tree clean.
    if (process.env.UPDATE_SCREENSHOTS === "1") {
      mkdirSync(join(process.cwd(), "docs/images"), { recursive: true });
      writeFileSync(join(process.cwd(), "docs/images", name), png);
    }
  }

  /** The page at a 390 px phone's width: nothing wider than the screen, no date picker; a screenshot kept. */
  async function atPhone(name: string) {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.evaluate(() => window.scrollTo(0, 0));
      const [scrollWidth, innerWidth] = await page.evaluate(() => [
        document.documentElement.scrollWidth,
        window.innerWidth,
      ]);
      expect(scrollWidth, `${name}: page wider than a phone`).toBeLessThanOrEqual(innerWidth);
      expect(await page.locator('input[type="date"]').count(), name).toBe(0);
      const image = keepScreenshot(`${name}-phone.png`, await page.screenshot({ fullPage: true }));
      expect(image.width, name).toBeGreaterThan(300);
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  }

  beforeAll(async () => {
    worker = await startWorker();
    const res = await fetch(`${worker.url}/api/admin/tokens`, {
      method: "POST",
      headers: { Authorization: `Bearer ${worker.adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "leader", label: "Lãnh đạo thử" }),
    });
    leader = ((await res.json()) as { token: string }).token;
    browser = await launch();
    await browser.context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: worker.url });
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    // Refusals (403 for the leader, 422 for the forms refused on purpose) are answered so on purpose.
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of (403|409|422)/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  it("is refused to a leader, who has no Quản trị entry", async () => {
    await signIn(leader, "/dashboard");
    expect(await page.getByRole("link", { name: "Quản trị", exact: true }).count()).toBe(0);
    const res = await page.goto(`${worker.url}/admin/units`);
    expect(res!.status()).toBe(403);
    expect(await page.getByText("Trang này dành cho: Quản trị").isVisible()).toBe(true);
  });

  it("opens the index from the top navigation and reaches every task", async () => {
    await signIn(worker.adminToken, "/admin");
    await page.goto(`${worker.url}/review`);
    await page.getByRole("navigation", { name: "Các trang" }).getByRole("link", { name: "Quản trị" }).click();
    await page.waitForURL(`${worker.url}/admin`);
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Quản trị");
    for (const task of ["Đơn vị", "Mã truy cập", "Mẫu biểu", "Kỳ báo cáo", "Nhật ký"])
      expect(await page.getByRole("main").getByRole("heading", { name: task }).isVisible(), task).toBe(true);
    await readmeShot("admin-index.png");
    await atPhone("admin-index");
    // The English switch keeps the page.
    await page.getByRole("link", { name: "English" }).click();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Administration");
    await page.getByRole("link", { name: "Tiếng Việt" }).click();
  });

  it("shows the units as a tree on a day typed day first, adds and renames a unit with the keyboard", async () => {
    await page.goto(`${worker.url}/admin/units`);
    await page.getByLabel("Xem cây đơn vị ngày").fill("30/06/2025");
    await page.getByLabel("Xem cây đơn vị ngày").press("Enter");
    await page.waitForURL(/asOf=30%2F06%2F2025/);
    expect(await page.getByRole("heading", { name: /Các đơn vị có hiệu lực ngày 30\/06\/2025/ }).isVisible()).toBe(
      true,
    );
    // Sóc Trăng's units of 2025 sit under the province in the tree on that day.
    expect(await page.locator('ul.tree > li[data-unit="94"] li[data-unit="951"]').count()).toBe(1);

    const add = page.locator("form#add");
    await add.getByLabel("Mã đơn vị").fill(NEW_UNIT);
    await add.getByLabel("Tên đơn vị").fill("Phường Thử Nghiệm");
    await add.getByLabel("Cấp", { exact: true }).fill("phường");
    await add.getByLabel("Đơn vị cấp trên").selectOption("92");
    await add.getByLabel(/Có hiệu lực từ ngày/).fill("01/07/2025");
    await add.getByLabel(/Có hiệu lực từ ngày/).press("Enter");
    await page.waitForSelector("#done");
    expect(await page.locator("#done").textContent()).toContain(`Đã thêm đơn vị ${NEW_UNIT}.`);
    expect(await page.locator(`li[data-unit="92"] li[data-unit="${NEW_UNIT}"]`).count()).toBe(1);

    // A rename before the unit's first day is refused, naming the date field; nothing changes.
    const rename = page.locator("form#rename");
    await rename.getByLabel("Đơn vị").selectOption(NEW_UNIT);
    await rename.getByLabel("Tên mới").fill("Phường Thử Nghiệm Mới");
    await rename.getByLabel("Ngày hiệu lực").fill("01/07/2025");
    await rename.getByRole("button", { name: "Đổi tên" }).click();
    await page.waitForSelector("#refused");
    expect(await page.locator("#rename-date-error").isVisible()).toBe(true);
    expect(await page.locator("#rename-date").getAttribute("aria-invalid")).toBe("true");
    expect((await unitsOn("2026-01-01")).find((u) => u.code === NEW_UNIT)?.name).toBe("Phường Thử Nghiệm");
    await page.locator("form#rename").getByLabel("Ngày hiệu lực").fill("01/01/2026");
    await page.locator("form#rename").getByRole("button", { name: "Đổi tên" }).click();
    await page.waitForSelector("#done");
    expect(await page.locator("#done").textContent()).toContain(`Đã đổi tên đơn vị ${NEW_UNIT} từ ngày 01/01/2026.`);
    expect((await unitsOn("2025-12-31")).find((u) => u.code === NEW_UNIT)?.name).toBe("Phường Thử Nghiệm");
    expect((await unitsOn("2026-01-01")).find((u) => u.code === NEW_UNIT)?.name).toBe("Phường Thử Nghiệm Mới");
  });

  it("imports a units CSV after a dry run; a malformed file is refused with its line and column, nothing changed", async () => {
    await page.goto(`${worker.url}/admin/units`);
    const before = await unitsOn("2026-01-01");
    const malformed = `Mã;Tên;Cấp;Mã cấp trên\r\n${CSV_A};Phường Thử A;phường;92\r\n${CSV_B};;phường;92\r\n`;
    const form = page.locator("form#import");
    await form
      .getByLabel("Tệp danh mục (.csv)")
      .setInputFiles({ name: "hong.csv", mimeType: "text/csv", buffer: Buffer.from(malformed) });
    await form.getByRole("button", { name: "Xem trước" }).click();
    await page.waitForSelector("#refused");
    expect(await page.locator("#refused").textContent()).toContain(
      "Tệp danh mục đơn vị có lỗi ở dòng 3, cột Tên: tên trống hoặc dài quá 200 ký tự. Chưa có thay đổi nào được lưu",
    );
    expect(await page.locator("#import-file-error").isVisible()).toBe(true);
    expect(await unitsOn("2026-01-01")).toEqual(before);
    await readmeShot("admin-units-refused.png");

    const good = `\ufeffMã;Tên;Cấp;Mã cấp trên\r\n${CSV_A};Phường Thử A;phường;92\r\n${CSV_B};Phường Thử B;phường;92\r\n${NEW_UNIT};Phường Thử Nghiệm Đổi;phường;92\r\n`;
    await page
      .locator("form#import")
      .getByLabel("Tệp danh mục (.csv)")
      .setInputFiles({ name: "don-vi.csv", mimeType: "text/csv", buffer: Buffer.from(good) });
    await page
      .locator("form#import")
      .getByLabel(/Ngày hiệu lực của các thay đổi/)
      .fill("01/03/2026");
    await page.locator("form#import").getByRole("button", { name: "Xem trước" }).click();
    await page.waitForSelector("#import-plan");
    const plan = page.locator("#import-plan");
    expect(await plan.getByRole("heading").first().textContent()).toBe(
      "Xem trước: những gì sẽ thay đổi từ ngày 01/03/2026",
    );
    expect(await plan.locator(".counts").textContent()).toBe(
      "2 thêm mới · 1 đổi tên · 0 đổi cấp trên · 0 đổi cấp · 0 không đổi",
    );
    expect(await plan.getByRole("row", { name: new RegExp(`${NEW_UNIT} Phường Thử Nghiệm Mới`) }).isVisible()).toBe(
      true,
    );
    // The dry run stored nothing.
    expect(await unitsOn("2026-03-01")).toEqual(await unitsOn("2026-01-01"));
    await page.setViewportSize({ width: 1280, height: 1100 });
    await readmeShot("admin-units.png");
    await page.setViewportSize({ width: 1280, height: 900 });
    await atPhone("admin-units");

    await plan.getByRole("button", { name: "Áp dụng các thay đổi này" }).click();
    await page.waitForSelector("#done");
    expect(await page.locator("#done").textContent()).toContain("Đã nhập danh mục: 2 thêm mới · 1 đổi tên");
    const after = await unitsOn("2026-03-01");
    expect(after.find((u) => u.code === CSV_A)).toMatchObject({ name: "Phường Thử A", parent: "92" });
    expect(after.find((u) => u.code === NEW_UNIT)?.name).toBe("Phường Thử Nghiệm Đổi");
    // Dated: before the import's day the new units are not in force.
    expect((await unitsOn("2026-02-28")).some((u) => u.code === CSV_A)).toBe(false);
  });

  it("issues a token shown once with a copy button, and revokes it after a confirmation", async () => {
    await page.goto(`${worker.url}/admin/tokens`);
    const form = page.locator("form#issue");
    await form.getByLabel(/Ghi chú/).fill("Phòng Văn hóa – Xã hội phường thử");
    await form.getByLabel("Vai trò").selectOption("submitter");
    await form.getByLabel(/Đơn vị/).selectOption(CSV_A);
    await form.getByLabel(/Hạn dùng/).fill("31/12/2099");
    await form.getByRole("button", { name: "Cấp mã" }).click();
    await page.waitForSelector("#issued");
    const token = await page.getByLabel("Mã truy cập mới").inputValue();
    expect(token).toMatch(/^kh157_/);
    expect((await api("/api/me", token)).status).toBe(200);
    await page.getByRole("button", { name: "Sao chép mã" }).click();
    await page.getByText("Đã sao chép mã.").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(token);
    await readmeShot("admin-tokens.png");
    await atPhone("admin-tokens");

    // Shown once: the list never carries the secret.
    await page.goto(`${worker.url}/admin/tokens`);
    expect(await page.content()).not.toContain(token);
    const row = page.locator("#tokens tbody tr", { hasText: "Phòng Văn hóa – Xã hội phường thử" });
    // Its use by /api/me above is recorded (to the minute), in Vietnam time.
    expect(await row.locator('td[data-label="Dùng gần nhất"]').textContent()).toMatch(/^\d\d\/\d\d\/\d{4} \d\d:\d\d$/);
    expect(await row.textContent()).toContain(CSV_A);
    await row.getByRole("link", { name: /Thu hồi mã/ }).click();
    await page.waitForSelector("form#revoke");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe(
      "Thu hồi mã “Phòng Văn hóa – Xã hội phường thử”?",
    );
    await page.getByRole("button", { name: "Xác nhận thu hồi" }).click();
    await page.waitForSelector("#done");
    expect(await page.locator("#done").textContent()).toBe("Đã thu hồi mã “Phòng Văn hóa – Xã hội phường thử”.");
    expect((await api("/api/me", token)).status).toBe(401);
    expect(
      await page.locator("#tokens tbody tr", { hasText: "Phòng Văn hóa – Xã hội phường thử" }).textContent(),
    ).toContain("Đã thu hồi");
  });

  it("refuses a template with its problems in Vietnamese, stores a corrected one and previews it as printed", async () => {
    const builtIn = (await api<Record<string, any>>("/api/templates/kh-157-2023")).body;
    const id = `kh-thu-${stamp.toLowerCase()}`;
    const broken = { ...builtIn, id: "Mẫu Sai", version: 0 };
    await page.goto(`${worker.url}/admin/templates`);
    expect(await page.locator('tr[data-template="kh-157-2023@1"]').count()).toBeGreaterThan(0);
    await page
      .getByLabel("Tệp mẫu biểu (.json)")
      .setInputFiles({ name: "sai.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(broken)) });
    await page.getByRole("button", { name: "Kiểm tra và lưu" }).click();
    await page.waitForSelector("#template-problems");
    const shown = await page.locator("#template-problems").textContent();
    expect(shown).toMatch(/Mẫu biểu không được lưu: \d+ lỗi/);
    expect(shown).toContain('Mã mẫu biểu ("id") chỉ gồm chữ thường không dấu');
    expect(shown).toContain('"version" phải là số nguyên dương');
    expect(await api(`/api/templates/${encodeURIComponent("Mẫu Sai")}`).then((r) => r.status)).toBe(404);

    await page.getByLabel("Tệp mẫu biểu (.json)").setInputFiles({
      name: "dung.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify({ ...builtIn, id, version: 1 })),
    });
    await page.getByRole("button", { name: "Kiểm tra và lưu" }).click();
    await page.waitForSelector("#done");
    expect(await page.locator("#done").textContent()).toBe(`Đã lưu mẫu biểu ${id}, phiên bản 1.`);
    expect((await api(`/api/templates/${id}`)).status).toBe(200);
    await readmeShot("admin-templates.png");
    await atPhone("admin-templates");
    await page.getByRole("link", { name: `Xem bản in ${id} phiên bản 1` }).click();
    await page.waitForSelector("table.printed");
    expect(await page.locator("table.printed").count()).toBe(builtIn.appendices.length);
    await readmeShot("admin-template-preview.png");
    await atPhone("admin-template-preview");
    await page.goto(`${worker.url}/admin/templates`);
    expect(await page.getByRole("link", { name: "Lập mẫu biểu từ bảng in" }).getAttribute("href")).toBe(
      "/admin/templates/infer",
    );
  });

  it("sets a reporting round with a deadline typed day first", async () => {
    await page.goto(`${worker.url}/admin/rounds`);
    const form = page.locator("form#round");
    await form.getByLabel("Mẫu biểu").selectOption("kh-157-2023");
    await form.getByLabel("Loại báo cáo").selectOption("plan");
    const period = "2024";
    await form.getByLabel("Kỳ", { exact: true }).selectOption(period);
    await form.getByLabel("Hạn nộp").fill("15/01/2026");
    await form.getByLabel("Đơn vị phải nộp").fill(`${CSV_A}, ${CSV_B}`);
    await form.getByRole("button", { name: "Lưu kỳ báo cáo" }).click();
    await page.waitForSelector("#done");
    expect(await page.locator("#done").textContent()).toBe(
      "Đã lưu kỳ báo cáo: Kế hoạch, Năm 2024 của mẫu biểu kh-157-2023, hạn nộp 15/01/2026.",
    );
    const row = page.locator(`tr[data-round="kh-157-2023/plan/${period}"]`);
    expect(await row.textContent()).toContain(`${CSV_A}, ${CSV_B}`);
    const rounds = (
      await api<{ rounds: { period: string; deadline: string; units: string[] }[] }>(
        "/api/rounds?template=kh-157-2023&kind=plan",
      )
    ).body.rounds;
    expect(rounds.find((r) => r.period === period)).toMatchObject({ deadline: "2026-01-15", units: [CSV_A, CSV_B] });
    await readmeShot("admin-rounds.png");
    await atPhone("admin-rounds");
  });

  it("filters the audit log and downloads it as a CSV for Excel in Vietnamese", async () => {
    await page.goto(`${worker.url}/admin/audit`);
    await page.getByLabel("Thao tác", { exact: true }).selectOption("unit.import.add");
    await page.getByLabel("Đơn vị (mã)").fill(CSV_A);
    await page.getByLabel("Từ ngày").fill("01/01/2020");
    await page.getByRole("button", { name: "Lọc", exact: true }).click();
    await page.waitForURL(/action=unit.import.add/);
    expect(await page.locator("#audit-count").textContent()).toBe("1 dòng");
    expect(await page.locator("#audit tbody tr").textContent()).toContain(CSV_A);
    await readmeShot("admin-audit.png");
    await atPhone("admin-audit");
    const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#audit-csv").click()]);
    const bytes = readFileSync((await download.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").trim().split("\r\n");
    expect(lines[0]).toBe("Số;Thời điểm;Người thực hiện;Vai trò;Thao tác;Đối tượng;Chi tiết");
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`;unit.import.add;${CSV_A};`);
    expect(problems).toEqual([]);
  });
});
