// The web pages in real Chromium against `wrangler dev` on local D1 and R2 (issue 6): a district
// uploads a LibreOffice-made workbook and sees its receipt, an invalid one shows its cell errors,
// a reviewer approves one report and returns another, the leader's dashboard shows the seed's
// totals, the chart and the status board; stored markup stays text. Screenshots go to
// tests/artifacts/pages/ and are checked to be real images.
import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatMoneyVi, planFigures, toFigureTree } from "../../../domain";
import { readXlsx } from "../../../worker/xlsx";
import { libreOfficeAvailable, workDir, xlsxToXlsx } from "../../xlsx/support/soffice";
import {
  type Browser,
  chromiumAvailable,
  keepScreenshot,
  launch,
  type LocalWorker,
  startWorker,
} from "../support/browser";
import { changed, phaseMoney, plantedTotalError, share, template, workbook, XLSX_TYPE } from "../support/workbooks";

const run = chromiumAvailable();
const plan = planFigures(template)!;
const executed = share(plan, 2, 5);
const vinhChau = share(plan, 1, 3);
const XSS_UNIT = "XSS1";
const XSS_NAME = "<script>window.__pwned = 1</script> Xã <b>thử</b>";
const XSS_COMMENT = '<img src=x onerror="window.__pwned = 2"> Năm 2024 chưa khớp với kế hoạch';

/** A workbook as another program wrote it: ours, re-saved by LibreOffice (ours as-is without soffice, off CI). */
function fromLibreOffice(name: string, bytes: Uint8Array): Uint8Array {
  return libreOfficeAvailable() ? xlsxToXlsx(workDir("pages"), name, bytes) : bytes;
}

describe.skipIf(!run).sequential("web pages in Chromium", () => {
  let worker: LocalWorker;
  let browser: Browser;
  let page: Page;
  const tokens: Record<string, string> = {};
  const files: Record<string, Uint8Array> = {};
  const problems: string[] = [];

  async function api(path: string, body?: unknown, token = worker.adminToken): Promise<Record<string, any>> {
    const res = await fetch(`${worker.url}${path}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, any>;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  }

  async function signInAs(who: string) {
    await page.goto(`${worker.url}/`);
    if (!page.url().includes("/sign-in")) await page.getByRole("button", { name: /Đăng xuất|Sign out/ }).click();
    await page.getByLabel(/Mã truy cập|Access token/).fill(tokens[who]);
    await page.getByRole("button", { name: /^(Đăng nhập|Sign in)$/ }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  }

  async function upload(name: string, bytes: Uint8Array, kind = "plan") {
    await page.getByLabel("Loại báo cáo").selectOption(kind);
    await page
      .getByLabel("Tệp .xlsx hoặc .ods đã điền")
      .setInputFiles({ name, mimeType: XLSX_TYPE, buffer: Buffer.from(bytes) });
    await page.getByRole("button", { name: "Nộp báo cáo" }).click();
  }

  function shot(name: string, png: Buffer) {
    const image = keepScreenshot(name, png);
    expect(image.width, name).toBeGreaterThan(300);
    expect(image.height, name).toBeGreaterThan(300);
    expect(image.colours, name).toBeGreaterThan(30);
    expect(image.dominantShare, name).toBeLessThan(0.95);
    return image;
  }

  beforeAll(async () => {
    worker = await startWorker();
    await api("/api/units", { code: XSS_UNIT, name: XSS_NAME, kind: "xã", parent: "94" });
    await api("/api/admin/expected-units", {
      template: "kh-157-2023",
      units: ["STTTT", "945", "950", "951", XSS_UNIT],
    });
    for (const unit of ["951", "950", "STTTT"])
      tokens[unit] = (await api("/api/admin/tokens", { role: "submitter", unit })).token;
    for (const role of ["reviewer", "leader"]) tokens[role] = (await api("/api/admin/tokens", { role })).token;
    // The Sở submits through the API (as the add-in would): it stays waiting for review. Trần Đề
    // reports its execution so far, already approved, for the per-unit chart.
    await api(
      "/api/submissions",
      { template: template.id, unit: "STTTT", kind: "plan", appendices: toFigureTree(template, share(plan, 1, 6)) },
      tokens.STTTT,
    );
    const execution = await api(
      "/api/submissions",
      { template: template.id, unit: "951", kind: "execution", appendices: toFigureTree(template, executed) },
      tokens["951"],
    );
    await api(`/api/submissions/${execution.id}/approve`, { comment: "" }, tokens.reviewer);
    files.plan = fromLibreOffice("tran-de.xlsx", workbook());
    files.invalid = fromLibreOffice("vinh-chau-loi.xlsx", workbook(undefined, plantedTotalError));
    files.third = fromLibreOffice("vinh-chau.xlsx", workbook(vinhChau));
    files.changed = fromLibreOffice(
      "vinh-chau-v2.xlsx",
      workbook(
        changed(vinhChau, [
          ["PL01", "1", "quantity", "2024", 60],
          ["PL01", "1", "NSTW", "2024", 152_100_000],
        ]),
      ),
    );
    browser = await launch();
    page = browser.context.pages()[0] ?? (await browser.context.newPage());
    page.on("dialog", (d) => {
      problems.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("console", (m) => {
      // The invalid upload is answered 422 on purpose; any other error (a CSP violation, a
      // missing file, a script error) is a problem.
      if (m.type() === "error" && !/status of 422/.test(m.text())) problems.push(`console: ${m.text()}`);
    });
  });

  afterAll(async () => {
    await browser?.close();
    await worker?.stop();
  });

  it("a district signs in, downloads the blank template, uploads a LibreOffice-made workbook with progress and sees its receipt", async () => {
    await page.goto(`${worker.url}/district`);
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    // Keyboard only: the labelled token field has the focus, Enter signs in; on the next page
    // the first Tab reaches the skip link, which moves the focus to the main content.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("token");
    await page.keyboard.type(tokens["951"]);
    await page.keyboard.press("Enter");
    await page.waitForURL(`${worker.url}/district`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Bỏ qua, đến nội dung chính");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
    expect(await page.getByText("Đơn vị: Huyện Trần Đề (951)").isVisible()).toBe(true);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải mẫu trống (.xlsx)" }).click(),
    ]);
    const blank = new Uint8Array(readFileSync((await download.path())!));
    expect(readXlsx(blank).map((g) => g.sheet)).toEqual(["PL01", "PL02", "PL03"]);

    // Upload over a slow network (CDP throttling) so the progress is seen: the bar appears, the
    // status reads the percentage, then "uploaded, the server is checking" until the answer.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 1500,
      downloadThroughput: -1,
      uploadThroughput: 24 * 1024,
    });
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { progressSeen: string[] }).progressSeen = seen;
      const status = document.getElementById("upload-status")!;
      new MutationObserver(() => seen.push(status.textContent ?? "")).observe(status, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    });
    await upload("tran-de.xlsx", files.plan);
    await page.getByText("Đã tải lên, máy chủ đang kiểm tra…").waitFor();
    expect(
      await page.locator("progress#upload-progress").evaluate((p: HTMLProgressElement) => [p.hidden, p.value]),
    ).toEqual([false, 100]);
    expect(await page.getByRole("button", { name: "Nộp báo cáo" }).isDisabled()).toBe(true);
    const seen = await page.evaluate(() => (window as unknown as { progressSeen: string[] }).progressSeen);
    shot("district-uploading.png", await page.screenshot());
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });
    const receipt = page.locator("#receipt");
    await receipt.waitFor();
    expect(seen[0]).toBe("Đang tải lên 0 %");
    expect(seen).toContain("Đang tải lên 100 %");
    expect(seen.at(-1)).toBe("Đã tải lên, máy chủ đang kiểm tra…");
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toMatch(/^\/district\?receipt=[0-9a-f-]{36}$/);
    const text = await receipt.innerText();
    expect(text).toContain("Đã nhận báo cáo");
    expect(text).toMatch(/Phiên bản\s+1\b/);
    expect(text).toMatch(/Mã kiểm tra SHA-256\s+[0-9a-f]{12}\b/);
    expect(text).toMatch(/Thời điểm nộp\s+\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}/);
    expect(await page.locator("#history tbody tr").first().innerText()).toMatch(/Chờ duyệt/);
    // Focus moved to the result for screen readers.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("result-title");
    shot("district-receipt.png", await page.screenshot({ fullPage: true }));
  });

  it("an invalid workbook shows its cell errors as a table; then two valid versions are stored", async () => {
    await signInAs("950");
    await upload("vinh-chau-loi.xlsx", files.invalid);
    const report = page.locator("#report");
    await report.waitFor();
    expect(await report.locator("h2").innerText()).toBe("Báo cáo chưa được nhận: 1 lỗi");
    const row = await report.locator("tbody tr").first().innerText();
    // Sheet, cell, the row and column in words, the message; the code only behind "Mã lỗi".
    expect(row).toMatch(
      /PL01\s+H11\s+Tổng cộng — NSTW giai đoạn 2021-2025\s+Dòng "Tổng cộng" ghi 3\.921,04, tổng các mục là 3\.921,03\.\s+Mã lỗi/,
    );
    expect(await report.locator("tbody tr details.code code").first().isVisible()).toBe(false);
    expect(await page.locator("#history").count()).toBe(0); // nothing stored
    shot("district-errors.png", await page.screenshot({ fullPage: true }));

    await upload("vinh-chau.xlsx", files.third);
    await page.locator("#receipt").waitFor();
    expect(await page.locator("#receipt").innerText()).toMatch(/Phiên bản\s+1\b/);
    await upload("vinh-chau-v2.xlsx", files.changed);
    await page.getByText("đã được lưu thành phiên bản 2").waitFor();
  });

  it("a reviewer sees the changes cell by cell, returns one report with a comment, approves another, locks and unlocks a year", async () => {
    await signInAs("reviewer");
    expect(new URL(page.url()).pathname).toBe("/review");
    const waiting = page.locator("#waiting tbody tr");
    expect(await waiting.count()).toBe(3);
    await waiting.filter({ hasText: "Thị xã Vĩnh Châu (950)" }).getByRole("link").click();
    await page.getByRole("heading", { name: "Thay đổi so với phiên bản 1" }).waitFor();
    expect(await page.getByText("8 ô thay đổi.").count()).toBe(1);
    const change = await page.locator('#changes tr[data-cell="PL01!J8"]').innerText();
    expect(change).toMatch(/^PL01\s+J8\s+1\. Bản tin .*\s+Ngân sách Trung ương \(NSTW\)\s+Năm 2024\s+134,435\s+152,1$/);
    expect(await page.locator('#changes tr[data-cell="PL01!F8"]').innerText()).toMatch(
      /Số lượng\s+Năm 2024\s+53\s+60$/,
    );
    expect(await page.locator('#changes tr[data-cell="PL01!H11"]').innerText()).toMatch(
      /^PL01\s+H11\s+Tổng cộng\s+Ngân sách Trung ương \(NSTW\)\s+Giai đoạn 2021-2025\s+1\.307,007\s+1\.324,672$/,
    );
    shot("review-changes.png", await page.screenshot({ fullPage: true }));
    await page.getByLabel("Ý kiến (bắt buộc khi trả lại)").fill(XSS_COMMENT);
    await page.getByRole("button", { name: "Trả lại" }).click();
    await page.getByText("Đã trả lại báo cáo của Thị xã Vĩnh Châu, phiên bản 2.").waitFor();

    await page.locator("#waiting tbody tr").filter({ hasText: "Huyện Trần Đề (951)" }).getByRole("link").click();
    await page.getByRole("heading", { name: "Phiên bản đầu tiên" }).waitFor();
    await page.getByRole("button", { name: "Duyệt" }).click();
    await page.getByText("Đã duyệt báo cáo của Huyện Trần Đề, phiên bản 1.").waitFor();
    expect(await page.locator("#waiting tbody tr").count()).toBe(1);
    expect(await page.locator("#reviewed").innerText()).toContain(XSS_COMMENT);

    const planRow = page.locator("#locks tbody tr").filter({ hasText: "Kế hoạch" });
    await planRow.getByRole("button", { name: "Khóa năm 2023" }).click();
    await page.getByText("Đã khóa năm 2023 (Kế hoạch).").waitFor();
    // Unlock with the keyboard only.
    await page
      .locator("#locks tbody tr")
      .filter({ hasText: "Kế hoạch" })
      .getByRole("button", { name: "Mở khóa năm 2023" })
      .focus();
    await page.keyboard.press("Enter");
    await page.getByText("Đã mở khóa năm 2023 (Kế hoạch).").waitFor();
    shot("review-list.png", await page.screenshot({ fullPage: true }));
  });

  it("the leader's dashboard shows the seed's totals with % of plan, the charts and the status board", async () => {
    const published = await api("/api/consolidated/publish", { basis: "approved" }, tokens.reviewer);
    await signInAs("leader");
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    await page.getByLabel("Cơ sở").selectOption("approved");
    await page.getByRole("button", { name: "Xem" }).click();
    await page.waitForURL(/basis=approved/);
    expect(await page.locator("#summary").innerText()).toMatch(/gồm 1 đơn vị/);
    const pl01Total = await page.locator("#printed-PL01 tr.total").innerText();
    expect(pl01Total).toMatch(/Tổng cộng/);
    expect(pl01Total).toContain("3.921,03");
    expect(pl01Total).toContain("825");
    expect(pl01Total).toContain("100 %");
    expect(await page.locator("#printed-PL03 tr.total").innerText()).toContain("135,42");
    expect(await page.locator("#printed-PL02 tr.total").innerText()).toContain("480");
    // The charts: SVG with title and description, every bar labelled with its value.
    const chart = page.locator("#chart-items svg");
    expect(await chart.locator("title").first().textContent()).toBe("Kế hoạch tỉnh và số đã nộp theo mục");
    expect(await chart.locator("desc").textContent()).toContain(
      "PL01 · 1. Bản tin (thể hiện dưới dạng âm thanh, chữ viết, hình ảnh): Kế hoạch tỉnh 1.209,915, Đã nộp (kế hoạch) 1.209,915",
    );
    expect(await chart.locator("rect").count()).toBe(14);
    expect(await page.locator("#chart-units svg text").allTextContents()).toEqual([
      "Huyện Trần Đề",
      "4.536,45",
      formatMoneyVi(phaseMoney(executed), template.money),
    ]);
    // The status board of the expected units (statuses are of the latest versions).
    const board = page.locator("#status-board tbody tr");
    expect(await board.count()).toBe(5);
    const status = async (unit: string) =>
      (await page.locator(`#status-board tr[data-unit="${unit}"]`).innerText()).replace(/\s+/g, " ");
    expect(await status("951")).toMatch(/Huyện Trần Đề \(951\) Đã duyệt 1 /);
    expect(await status("950")).toMatch(/Thị xã Vĩnh Châu \(950\) Bị trả lại 2 .*Năm 2024 chưa khớp với kế hoạch/);
    expect(await status("STTTT")).toMatch(/Chờ duyệt 1/);
    expect(await status("945")).toMatch(/Huyện Cù Lao Dung \(945\) Chưa nộp/);
    expect(await status(XSS_UNIT)).toContain(`${XSS_NAME} (${XSS_UNIT}) Chưa nộp`);
    expect(await page.locator("#status-counts").innerText()).toBe(
      "1 đã duyệt · 1 chờ duyệt · 1 bị trả lại · 2 chưa nộp",
    );
    // Downloads go to the API with the sign-in cookie.
    for (const id of ["#download-xlsx", "#download-csv"]) {
      const href = await page.locator(id).getAttribute("href");
      const res = await page.request.get(`${worker.url}${href}`);
      expect(res.status(), id).toBe(200);
      expect(res.headers()["content-type"], id).toMatch(id.endsWith("xlsx") ? /spreadsheetml/ : /text\/csv/);
    }
    // Published reports, each readable as JSON with the cookie.
    const row = page.locator("#published tbody tr");
    expect(await row.count()).toBe(1);
    expect(await row.innerText()).toContain(published.sha256.slice(0, 12));
    const json = await page.request.get(`${worker.url}${await row.getByRole("link").getAttribute("href")}`);
    expect(((await json.json()) as { sha256: string }).sha256).toBe(published.sha256);
    shot("dashboard.png", await page.screenshot({ fullPage: true }));

    // On a phone: the page itself never scrolls sideways (wide tables scroll in their region).
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    shot("dashboard-phone.png", await page.screenshot({ fullPage: true }));
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("switches to English and remembers it; numbers stay in vi-VN format", async () => {
    await page.getByRole("link", { name: "English" }).click();
    await page.getByRole("heading", { name: "Province dashboard" }).waitFor();
    await page.goto(`${worker.url}/dashboard?basis=approved`);
    expect(await page.locator("h1").innerText()).toBe("Province dashboard");
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("#printed-PL01 tr.total").innerText()).toContain("3.921,03");
    await page.getByRole("link", { name: "Tiếng Việt" }).click();
    await page.getByRole("heading", { name: "Tổng hợp toàn tỉnh" }).waitFor();
  });

  it("the district sees the returned status and the comment, markup shown as text and never run", async () => {
    await signInAs("950");
    const latest = await page.locator("#history tbody tr").first().innerText();
    expect(latest).toContain("Bị trả lại");
    expect(latest).toContain(XSS_COMMENT);
    expect(await page.locator("#history img").count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await signInAs("leader");
    expect(await page.locator(`#status-board tr[data-unit="${XSS_UNIT}"] script`).count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it("without JavaScript the same form posts and the server answers with the report or the receipt", async () => {
    const plain = await launch({ javaScriptEnabled: false });
    try {
      const tab = plain.context.pages()[0] ?? (await plain.context.newPage());
      await tab.goto(`${worker.url}/sign-in`);
      await tab.getByLabel("Mã truy cập").fill(tokens["951"]);
      await tab.getByRole("button", { name: "Đăng nhập" }).click();
      await tab.waitForURL(`${worker.url}/district`);
      const send = async (name: string, bytes: Uint8Array) => {
        await tab.getByLabel("Loại báo cáo").selectOption("execution");
        await tab
          .getByLabel("Tệp .xlsx hoặc .ods đã điền")
          .setInputFiles({ name, mimeType: XLSX_TYPE, buffer: Buffer.from(bytes) });
        await tab.getByRole("button", { name: "Nộp báo cáo" }).click();
      };
      await send("loi.xlsx", files.invalid);
      await tab.locator("#report").waitFor();
      expect(new URL(tab.url()).pathname).toBe("/district/upload");
      expect(await tab.locator("#report tbody tr").first().innerText()).toMatch(/PL01\s+H11/);
      await send("thuc-hien.xlsx", files.third);
      await tab.locator("#receipt").waitFor();
      expect(new URL(tab.url()).search).toMatch(/^\?receipt=/);
      expect(await tab.locator("#receipt").innerText()).toMatch(/Phiên bản\s+2\b/);
    } finally {
      await plain.close();
    }
  });
});
