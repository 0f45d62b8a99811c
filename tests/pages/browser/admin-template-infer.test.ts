// The administrator's page for a template from printed tables (issue 16, point 3), in real
// Chromium against wrangler dev: upload the blank kh-157 workbook, see the proposal as the
// printed form with nothing left undecided, give it a new id, publish, then GET /api/templates/{id}
// answers the published template. UPDATE_SCREENSHOTS=1 refreshes the README's screenshot (docs/images/).
import { mkdirSync, writeFileSync } from "node:fs";
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
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe.skipIf(!run).sequential("making a template from printed tables in Chromium", () => {
  let worker: LocalWorker;
  let browser: Browser;
  let page: Page;
  let district = "";
  const problems: string[] = [];

  beforeAll(async () => {
    worker = await startWorker();
    const res = await fetch(`${worker.url}/api/admin/tokens`, {
      method: "POST",
      headers: { Authorization: `Bearer ${worker.adminToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ role: "submitter", unit: "951" }),
    });
    district = ((await res.json()) as { token: string }).token;
    browser = await launch();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    // The district's refusal (403) and the second publish (409) are answered so on purpose.
    page.on("console", (m) => {
      if (m.type() === "error" && !/status of (403|409)/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  async function signIn(token: string) {
    await page.goto(`${worker.url}/admin/templates/infer`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByLabel(/Mã truy cập/).fill(token);
    await page.keyboard.press("Enter");
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  }

  it("is refused to a district", async () => {
    await signIn(district);
    const res = await page.goto(`${worker.url}/admin/templates/infer`);
    expect(res!.status()).toBe(403);
    await page.getByRole("button", { name: "Đăng xuất" }).click();
  });

  it("reads the blank kh-157 workbook, shows the proposal and publishes it under a new id", async () => {
    const blank = Buffer.from(await (await fetch(`${worker.url}/api/templates/kh-157-2023/workbook`)).arrayBuffer());
    await signIn(worker.adminToken);
    if (new URL(page.url()).pathname !== "/admin/templates/infer")
      await page.goto(`${worker.url}/admin/templates/infer`);
    await page
      .getByLabel("Tệp bảng phụ lục (.xlsx)")
      .setInputFiles({ name: "kh-157.xlsx", mimeType: XLSX, buffer: blank });
    // Keyboard: from the file field, Tab reaches the button, Enter sends the form.
    await page.getByLabel("Tệp bảng phụ lục (.xlsx)").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForSelector("#proposal");

    expect(await page.getByText("Đã đọc được toàn bộ bảng").isVisible()).toBe(true);
    expect(await page.locator("table.printed").count()).toBe(3);
    expect(await page.getByRole("heading", { name: "PL01: PHỤ LỤC 01" }).isVisible()).toBe(true);
    // Each figure column's binding, as selected: PL03's "Năm 2024 / … / Nguồn NSDP" is NSĐP 2024.
    const label = "Năm 2024 / Nguồn kinh phí (triệu đồng) / Nguồn NSDP";
    expect(await page.getByLabel(`Chỉ tiêu: ${label}`).inputValue()).toBe("NSDP");
    expect(await page.getByLabel(`Kỳ: ${label}`).inputValue()).toBe("2024");

    const id = `kh-157-doc-lai-${Date.now().toString(36)}`;
    await page.getByLabel("Mã mẫu biểu (chữ thường, số, dấu gạch ngang)").fill(id);
    await page.getByLabel("Tên mẫu biểu").fill("Kế hoạch 157 (đọc lại từ bảng in)");
    await page.setViewportSize({ width: 1280, height: 1400 });
    const png = await page.screenshot({ fullPage: false });
    const image = keepScreenshot("admin-template-infer.png", png);
    expect(image.width).toBeGreaterThan(300);
    expect(image.colours).toBeGreaterThan(30);
    // The README's copy changes only when asked (UPDATE_SCREENSHOTS=1): a test run leaves the tree clean.
    if (process.env.UPDATE_SCREENSHOTS === "1") {
      mkdirSync(join(process.cwd(), "docs/images"), { recursive: true });
      writeFileSync(join(process.cwd(), "docs/images/admin-template-infer.png"), png);
    }
    await page.setViewportSize({ width: 1280, height: 900 });

    await page.getByRole("button", { name: "Xuất bản mẫu biểu" }).click();
    await page.waitForSelector("#published");
    expect(await page.getByText(`Đã xuất bản mẫu biểu ${id}, phiên bản 1.`).isVisible()).toBe(true);

    const res = await fetch(`${worker.url}/api/templates/${id}`);
    expect(res.status).toBe(200);
    const stored = (await res.json()) as { id: string; name: string; appendices: { id: string; heading: string }[] };
    expect(stored.id).toBe(id);
    expect(stored.name).toBe("Kế hoạch 157 (đọc lại từ bảng in)");
    expect(stored.appendices.map((a) => [a.id, a.heading])).toEqual([
      ["PL01", "PHỤ LỤC 01"],
      ["PL02", "PHỤ LỤC 02"],
      ["PL03", "PHỤ LỤC 03"],
    ]);
    // Publishing the same id and version again is refused on the page, naming what to change.
    await page.goto(`${worker.url}/admin/templates/infer`);
    await page
      .getByLabel("Tệp bảng phụ lục (.xlsx)")
      .setInputFiles({ name: "kh-157.xlsx", mimeType: XLSX, buffer: blank });
    await page.getByRole("button", { name: "Đọc bảng" }).click();
    await page.waitForSelector("#proposal");
    await page.getByLabel("Mã mẫu biểu (chữ thường, số, dấu gạch ngang)").fill(id);
    await page.getByRole("button", { name: "Xuất bản mẫu biểu" }).click();
    await page.waitForSelector("#problems-title");
    expect(await page.getByText(`Đã có mẫu biểu ${id} phiên bản 1`).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });
});
