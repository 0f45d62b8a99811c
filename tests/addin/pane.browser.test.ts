// The task pane in real Chromium against a running local Worker, Excel replaced by an in-memory
// workbook (tests/addin/support/browser-excel.ts) that records what the pane wrote:
// connect → build → type → check (listed, click selects) → submit (receipt) → lost answer and
// retry (same Idempotency-Key) → 409 → 423 → history → consolidated totals.
// Skipped only when /usr/bin/chromium is missing outside CI; with CI set it must run.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_FILL } from "../../addin/excel";
import type { TestHandle } from "./support/browser-excel";
import { type LocalWorker, startLocalWorker } from "../../scripts/local-worker.mjs";
import { type Browser, chromiumAvailable, launchChromium } from "../support/chromium";
import { decodePng, pixelVariety } from "../support/png";

const skipBrowser = !chromiumAvailable("tests/addin");

/** A screenshot that shows something: more than a handful of colours, no colour covering nearly all. */
function isNonBlankPng(png: Buffer): boolean {
  const image = decodePng(png);
  const { colours, dominantShare } = pixelVariety(image);
  return image.width > 50 && image.height > 50 && colours > 8 && dominantShare < 0.98;
}

const root = fileURLToPath(new URL("../..", import.meta.url));
const artifacts = join(root, "tests", "artifacts");
const STEP = 15_000;

let worker: LocalWorker | null = null;
const tokens: Record<"submitter" | "colleague" | "reviewer" | "leader", string> = { submitter: "", colleague: "", reviewer: "", leader: "" };

async function api(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${worker!.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(STEP),
  });
  return { status: res.status, body: await res.json() };
}

async function issueToken(role: string, unit?: string): Promise<string> {
  const { status, body } = await api("/api/admin/tokens", worker!.adminToken, { method: "POST", body: JSON.stringify({ role, unit, label: `pane test ${role}` }) });
  expect(status).toBe(201);
  return body.token as string;
}

beforeAll(async () => {
  worker = await startLocalWorker();
  tokens.submitter = await issueToken("submitter", "951");
  tokens.colleague = await issueToken("submitter", "951");
  tokens.reviewer = await issueToken("reviewer");
  tokens.leader = await issueToken("leader");
});

afterAll(async () => {
  await worker?.stop();
});

describe("the Worker serves the built pane at the manifest's SourceLocation", () => {
  it("answers /pane/index.html, pane.js and the icons; the API still answers beside them", async () => {
    const page = await fetch(`${worker!.url}/pane/index.html`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/text\/html/);
    const html = await page.text();
    expect(html).toContain('<script defer src="pane.js"></script>');
    expect(html).toContain("Kết nối");
    for (const path of ["/pane/pane.js", "/pane/pane.css", "/pane/assets/icon-16.png", "/pane/assets/icon-32.png", "/pane/assets/icon-80.png"]) {
      expect((await fetch(`${worker!.url}${path}`)).status, path).toBe(200);
    }
    expect((await fetch(`${worker!.url}/api/health`)).status).toBe(200);
    // Office frames the pane: framing only for Office's hosts, scripts only from here and Office.js.
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toMatch(/frame-ancestors 'self' https:\/\/\*\.officeapps\.live\.com/);
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(csp).not.toContain("unsafe-inline");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
  });
});

describe.skipIf(skipBrowser)("the task pane in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const keys: string[] = [];
  const seedValues: Record<string, unknown> = {};
  let dropNextAnswer = false;

  const t = <R>(fn: (h: TestHandle, arg: any) => R, arg?: unknown) =>
    page.evaluate(([src, a]) => new Function("h", "a", `return (${src})(h, a)`)((window as any).__KH157_TEST__, a), [fn.toString(), arg] as const) as Promise<R>;
  const text = (selector: string) => page.locator(selector).innerText({ timeout: STEP });
  const waitText = (selector: string, pattern: RegExp) => expect.poll(() => page.locator(selector).innerText(), { timeout: STEP }).toMatch(pattern);
  const cellOf = (a: string, stt: string, key: string, period: string) => t((h, x) => h.cellOf(x[0], x[1], x[2], x[3]), [a, stt, key, period]);

  async function connectAs(token: string, who: RegExp) {
    await page.fill("#token", token);
    await page.click("#connect-button");
    await waitText("#who", who);
  }

  async function submitAndWait(): Promise<string> {
    await page.click("#submit-button");
    await page.waitForFunction(() => !document.querySelector<HTMLElement>("#receipt")!.hidden || !document.querySelector<HTMLElement>("#submit-error")!.hidden, null, { timeout: STEP });
    await page.waitForFunction(() => !document.querySelector<HTMLButtonElement>("#submit-button")!.disabled, null, { timeout: STEP });
    return (await page.locator("#receipt").isVisible()) ? `ok: ${await text("#receipt")}` : `error: ${await text("#submit-error")}`;
  }

  beforeAll(async () => {
    const fake = await build({ entryPoints: [join(root, "tests/addin/support/browser-excel.ts")], bundle: true, format: "iife", write: false, target: "chrome100", logLevel: "error" });
    browser = await launchChromium({ viewport: { width: 380, height: 1100 }, stepTimeout: STEP });
    context = browser.context;
    // Office.js comes from Microsoft's CDN in Excel; here the test supplies Excel, and nothing leaves the machine.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) =>
      /office\.js$/.test(route.request().url()) ? route.fulfill({ status: 200, contentType: "text/javascript", body: "" }) : route.abort(),
    );
    await context.route("**/api/submissions", async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      if (!dropNextAnswer) return route.fallback();
      dropNextAnswer = false;
      await route.fetch(); // the server stores it; the answer never arrives
      await route.abort("connectionreset");
    });
    await context.addInitScript({ content: fake.outputFiles[0].text });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${worker!.url}/pane/index.html`, { timeout: STEP });
    await page.waitForSelector("body[data-ready=true]", { timeout: STEP });
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
  });

  it("connects with a submitter token and shows the role and unit", async () => {
    expect(await page.inputValue("#server")).toBe(worker!.url);
    await connectAs(tokens.submitter, /người nộp · Huyện Trần Đề \(951\)/);
  });

  it("builds PL01–PL03 in the workbook (two syncs)", async () => {
    await page.click("#build-button");
    await waitText("#build-result", /PL01, PL02, PL03/);
    expect(await t((h) => h.sheetNames())).toEqual(["Sheet1", "PL01", "PL02", "PL03"]);
    expect(await t((h) => h.syncs.at(-1))).toBe(2);
    expect(await t((h) => h.setting("kh157.base"))).toEqual({ template: "kh-157-2023", unit: "951", kind: "plan", version: 0 });
  });

  it("checks typed figures: errors listed, marked on the cells, a click selects the cell, English on demand", async () => {
    await t((h) => h.typeSeed());
    const neg = await cellOf("PL01", "1.", "quantity", "2023");
    const txt = await cellOf("PL02", "1.", "NSTW", "2024");
    seedValues.neg = await t((h, x) => h.value("PL01", x[0]), [neg]);
    seedValues.txt = await t((h, x) => h.value("PL02", x[0]), [txt]);
    await t((h, x) => h.type("PL01", x[0], "-160"), [neg]);
    await t((h, x) => h.type("PL02", x[0], "bốn mươi"), [txt]);
    await page.click("#check-button");
    await waitText("#check-summary", /\d+ lỗi/);
    expect(await t((h) => h.syncs.at(-1))).toBe(3);
    const listed = await page.locator("#issues button").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cell));
    expect(listed).toEqual(expect.arrayContaining([`PL01!${neg}`, `PL02!${txt}`]));
    expect(await text("#issues")).toContain("Số liệu không được âm");
    expect(await t((h, x) => h.fill("PL01", x[0]), [neg])).toBe(ERROR_FILL);

    await page.click(`#issues button[data-cell="PL02!${txt}"]`);
    await expect.poll(() => t((h) => h.book.selection), { timeout: STEP }).toEqual({ sheet: "PL02", address: txt });

    const shot = await page.screenshot({ fullPage: true });
    writeFileSync(join(artifacts, "addin-pane.png"), shot);
    expect(isNonBlankPng(shot)).toBe(true);

    await page.click("#lang");
    await waitText("h1", /KH 157 budget/);
    expect(await text("#issues")).toContain("cannot be negative");
    await page.click("#lang");
    await waitText("h1", /Ngân sách KH 157/);
  });

  it("submits the fixed figures and shows the receipt: version, time, short sha256", async () => {
    const neg = await cellOf("PL01", "1.", "quantity", "2023");
    const txt = await cellOf("PL02", "1.", "NSTW", "2024");
    await t((h, x) => h.type("PL01", x[0], x[1]), [neg, seedValues.neg]);
    await t((h, x) => h.type("PL02", x[0], x[1]), [txt, seedValues.txt]);
    await page.click("#check-button");
    await waitText("#check-summary", /^Không có lỗi\.$/);
    const answer = await submitAndWait();
    expect(answer).toMatch(/^ok: Đã nộp phiên bản 1 lúc .+ Mã SHA-256: [0-9a-f]{12}…/);
    expect(await page.locator("#receipt").getAttribute("data-sha256")).toMatch(/^[0-9a-f]{64}$/);
    expect(await t((h) => h.setting("kh157.base"))).toMatchObject({ version: 1 });
    const list = await api("/api/submissions?unit=951", tokens.submitter);
    expect(list.body.submissions).toEqual([expect.objectContaining({ version: 1, source: "addin" })]);
    writeFileSync(join(artifacts, "addin-pane-receipt.png"), await page.screenshot({ fullPage: true }));
  });

  it("a lost answer leaves the sheet alone; submitting again reuses the Idempotency-Key and gets the first receipt", async () => {
    await t(async (h, x) => h.type("PL01", x[0], "170"), [await cellOf("PL01", "1.", "quantity", "2024")]);
    const before = await t((h) => h.dump());
    dropNextAnswer = true;
    const lost = await submitAndWait();
    expect(lost).toMatch(/^error: Không kết nối được máy chủ .*nộp lại cùng nội dung sẽ không tạo bản trùng/);
    expect(await t((h) => h.dump())).toBe(before);
    expect(await t((h) => h.setting("kh157.base"))).toMatchObject({ version: 1 });

    const retry = await submitAndWait();
    expect(retry).toMatch(/^ok: Đã nộp phiên bản 2 .*trả lại biên nhận cũ/);
    expect(keys.at(-1)).toBe(keys.at(-2));
    expect(keys.at(-1)).toMatch(/^addin-[0-9a-f]{48}$/);
    expect(keys.at(-1)).not.toBe(keys.at(-3));
  });

  it("409: someone else submitted meanwhile — a clear message, the sheet untouched, then an explicit overwrite", async () => {
    const colleague = await api("/api/submissions", tokens.colleague, {
      method: "POST",
      body: JSON.stringify({ template: "kh-157-2023", unit: "951", kind: "plan", baseVersion: 2, appendices: { PL02: { 1: { quantity: { 2023: 50 }, NSTW: { 2023: "40" } } } } }),
    });
    expect(colleague.body.version).toBe(3);
    await t(async (h, x) => h.type("PL01", x[0], "175"), [await cellOf("PL01", "1.", "quantity", "2024")]);
    const before = await t((h) => h.dump());
    const stale = await submitAndWait();
    expect(stale).toMatch(/^error: Trong lúc bạn sửa, đơn vị đã có phiên bản 3 \(bạn sửa từ phiên bản 2\)/);
    expect(await t((h) => h.dump())).toBe(before);
    expect(await page.locator("#overwrite-button").innerText()).toBe("Nộp đè lên phiên bản 3");

    await page.click("#overwrite-button");
    await waitText("#receipt", /Đã nộp phiên bản 4/);
  });

  it("423: a locked year refuses changes, with the sheet untouched", async () => {
    const lock = await api("/api/locks", tokens.reviewer, { method: "POST", body: JSON.stringify({ template: "kh-157-2023", kind: "plan", period: "2023" }) });
    expect(lock.status).toBe(201);
    const cell = await cellOf("PL01", "2.", "quantity", "2023");
    const was = await t((h, x) => h.value("PL01", x[0]), [cell]);
    await t((h, x) => h.type("PL01", x[0], "7"), [cell]);
    const before = await t((h) => h.dump());
    expect(await submitAndWait()).toMatch(/^error: Năm 2023 đã bị khóa.*liên hệ người duyệt/);
    expect(await t((h) => h.dump())).toBe(before);
    await t((h, x) => h.type("PL01", x[0], x[1]), [cell, was]);
  });

  it("history lists the versions with status and reviewer comments, and opens one into the sheets", async () => {
    const versions = (await api("/api/submissions?unit=951", tokens.submitter)).body.submissions as { id: string; version: number }[];
    const v1 = versions.find((s) => s.version === 1)!;
    expect((await api(`/api/submissions/${v1.id}/return`, tokens.reviewer, { method: "POST", body: JSON.stringify({ comment: "Bổ sung kinh phí NSĐP" }) })).status).toBe(200);

    await page.click("#history-button");
    await page.waitForSelector("#snapshots li", { timeout: STEP });
    expect(await page.locator("#snapshots li").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.version))).toEqual(["4", "3", "2", "1"]);
    const first = await text('#snapshots li[data-version="1"]');
    expect(first).toContain("Bị trả lại");
    expect(first).toContain("Ý kiến: Bổ sung kinh phí NSĐP");

    await page.click('#snapshots li[data-version="3"] button');
    await waitText("#history-result", /Đã mở phiên bản 3/);
    expect(await t((h) => h.sheetNames())).toEqual(expect.arrayContaining(["PL01", "PL01 (cũ)", "PL03 (cũ)"]));
    expect(await t((h) => h.value("PL01", "A4"))).toBe("Đơn vị: Huyện Trần Đề (951) — phiên bản 3");
    expect(await t((h) => h.setting("kh157.base"))).toMatchObject({ version: 3 });
    expect(await t(async (h, x) => h.value("PL02", x[0]), [await cellOf("PL02", "1.", "quantity", "2023")])).toBe(50);
  });

  it("pulls consolidated totals (basis, as of) into a new sheet naming the unit versions", async () => {
    await page.click("#totals-button");
    await waitText("#totals-result", /lãnh đạo hoặc người duyệt/);

    await connectAs(tokens.leader, /lãnh đạo/);
    await page.selectOption("#basis", "latest");
    await page.click("#totals-button");
    await waitText("#totals-result", /Đã ghi số tổng hợp của 1 đơn vị vào sheet "Tổng hợp \d{4}-\d{2}-\d{2}"/);
    const sheet = (await page.locator("#totals-result").getAttribute("data-sheet"))!;
    expect(await t((h) => h.syncs.at(-1))).toBe(2);
    expect(await t((h, x) => h.value(x[0], "A3"), [sheet])).toBe("Gồm 1 đơn vị: Huyện Trần Đề (951) phiên bản 4.");

    // As of a moment before anything was submitted: nobody is included.
    await page.fill("#as-of", "2020-01-01T00:00");
    await page.click("#totals-button");
    await waitText("#totals-result", /của 0 đơn vị/);
    const empty = (await page.locator("#totals-result").getAttribute("data-sheet"))!;
    expect(await t((h, x) => h.value(x[0], "A3"), [empty])).toBe("Chưa có đơn vị nào nộp báo cáo.");
  });
});
