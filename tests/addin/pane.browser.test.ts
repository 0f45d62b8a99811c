// The task pane in real Chromium against a running local Worker, with the genuine Office.js (the
// @microsoft/office-js package's files, answered in place of Microsoft's CDN: outside Office its
// Office.onReady says host null) and Excel replaced by an in-memory workbook
// (tests/addin/support/browser-excel.ts) that records what the pane wrote:
// connect → build → type → check (listed, click selects) → submit (receipt) → lost answer and
// retry (same Idempotency-Key) → 409 → 423 → history → consolidated totals. Then the pane with
// the built-ins Internet Explorer 11 lacks removed (decision 0010), and with Office.js missing.
// Skipped only when /usr/bin/chromium is missing outside CI; with CI set it must run.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, normalize } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_FILL } from "../../addin/excel";
import { t as message } from "../../addin/ui/i18n";
import type { TestHandle } from "./support/browser-excel";
import { copyOfficeJs, OFFICE_JS_CDN } from "../../scripts/build-pane.mjs";
import { type LocalWorker, startLocalWorker } from "../../scripts/local-worker.mjs";
import { type Browser, chromiumAvailable, launchChromium } from "../support/chromium";
import { decodePng, pixelVariety } from "../support/png";
import { RENAMED, renamedTemplate } from "../support/renamed-template";

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
const tokens: Record<"submitter" | "colleague" | "reviewer" | "leader" | "ie", string> = {
  submitter: "",
  colleague: "",
  reviewer: "",
  leader: "",
  ie: "",
};

async function api(path: string, token: string, init: RequestInit = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(`${worker!.url}${path}`, {
    ...init,
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", ...(init.headers ?? {}) },
    signal: AbortSignal.timeout(STEP),
  });
  return { status: res.status, body: await res.json() };
}

async function issueToken(role: string, unit?: string): Promise<string> {
  const { status, body } = await api("/api/admin/tokens", worker!.adminToken, {
    method: "POST",
    body: JSON.stringify({ role, unit, label: `pane test ${role}` }),
  });
  expect(status).toBe(201);
  return body.token as string;
}

beforeAll(async () => {
  worker = await startLocalWorker();
  tokens.submitter = await issueToken("submitter", "951");
  tokens.colleague = await issueToken("submitter", "951");
  tokens.reviewer = await issueToken("reviewer");
  tokens.leader = await issueToken("leader");
  // 951 and 950 closed on 2025-06-30 (data/units): their closing reports are an explicit exception (issue 17).
  for (const unit of ["951", "950"])
    for (const kind of ["plan", "execution"]) {
      const late = { template: "kh-157-2023", kind, until: "9999-12-31", reason: "pane test" };
      const res = await api(`/api/units/${unit}/late-reports`, worker!.adminToken, {
        method: "POST",
        body: JSON.stringify(late),
      });
      expect(res.status).toBe(201);
    }
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
    for (const path of [
      "/pane/pane.js",
      "/pane/pane.css",
      "/pane/assets/icon-16.png",
      "/pane/assets/icon-32.png",
      "/pane/assets/icon-80.png",
    ]) {
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

/** Where index.html loads Office.js from: Microsoft's CDN, whose files the package ships. */
const CDN_BASE = OFFICE_JS_CDN.slice(0, OFFICE_JS_CDN.lastIndexOf("/") + 1);

/** The page-side helpers of one pane (one Chromium page). */
function paneHelpers(current: () => Page) {
  const t = <R>(fn: (h: TestHandle, arg: any) => R, arg?: unknown) =>
    current().evaluate(
      ([src, a]) => new Function("h", "a", `return (${src})(h, a)`)((window as any).__KH157_TEST__, a),
      [fn.toString(), arg] as const,
    ) as Promise<R>;
  const text = (selector: string) => current().locator(selector).innerText({ timeout: STEP });
  const waitText = (selector: string, pattern: RegExp) =>
    expect.poll(() => current().locator(selector).innerText(), { timeout: STEP }).toMatch(pattern);
  const cellOf = (a: string, stt: string, key: string, period: string) =>
    t((h, x) => h.cellOf(x[0], x[1], x[2], x[3]), [a, stt, key, period]);

  async function connectAs(token: string, who: RegExp) {
    await current().fill("#token", token);
    await current().click("#connect-button");
    await waitText("#who", who);
  }

  async function submitAndWait(): Promise<string> {
    const page = current();
    await page.click("#submit-button");
    // Locators, not waitForFunction: they run in Playwright's own world, unaffected by removeWhatIe11Lacks.
    await page.locator("#receipt:not([hidden]), #submit-error:not([hidden])").first().waitFor({ timeout: STEP });
    await page.locator("#submit-button:not([disabled])").waitFor({ timeout: STEP });
    return (await page.locator("#receipt").isVisible())
      ? `ok: ${await text("#receipt")}`
      : `error: ${await text("#submit-error")}`;
  }
  return { t, text, waitText, cellOf, connectAs, submitAndWait };
}

/**
 * Runs in the page before any of its scripts (after the in-memory workbook): takes away what
 * Internet Explorer 11 lacks of what the pane uses, so that pane.js must bring it itself
 * (addin/ui/polyfills.ts, addin/api/submission.ts), and other ES2015+ built-ins IE11 lacks, so
 * that the pane cannot use them unnoticed. Chromium's own code keeps its intrinsics (async
 * functions, for-of), so removing even Promise, Symbol, Map and Set does not break the page.
 * Playwright's locators run in their own world, untouched; what it runs in the page's world
 * (locator.evaluateAll, waitForFunction) would meet the polyfilled Map and fail, so this page is
 * driven with locators and page.evaluate only. Kept for the in-memory workbook (test code, not
 * the pane): Array#flatMap, String#endsWith, Array#at.
 */
function removeWhatIe11Lacks(): void {
  const w = window as any;
  const gone: string[] = [];
  const natives: Record<string, unknown> = {};
  const drop = (owner: any, name: string, label: string) => {
    natives[label] = Object.getOwnPropertyDescriptor(owner, name)?.value; // not a getter's value: crypto.subtle
    if (delete owner[name] && owner[name] === undefined) gone.push(label);
  };
  for (const name of [
    "Promise",
    "Symbol",
    "Map",
    "Set",
    "fetch",
    "Headers",
    "Request",
    "Response",
    "URL",
    "URLSearchParams",
    "TextEncoder",
    "TextDecoder",
  ])
    drop(w, name, name);
  for (const name of ["from", "of"]) drop(Array, name, `Array.${name}`);
  for (const name of ["includes", "find", "findIndex", "fill", "flat", "findLast", "findLastIndex", "copyWithin"])
    drop(Array.prototype, name, `Array#${name}`);
  for (const name of ["fromEntries", "entries", "values", "assign", "getOwnPropertyDescriptors", "hasOwn"])
    drop(Object, name, `Object.${name}`);
  for (const name of [
    "includes",
    "startsWith",
    "padStart",
    "padEnd",
    "normalize",
    "repeat",
    "codePointAt",
    "trimStart",
    "trimEnd",
    "replaceAll",
    "matchAll",
    "at",
  ]) {
    drop(String.prototype, name, `String#${name}`);
  }
  for (const name of ["isNaN", "isFinite", "isInteger", "isSafeInteger", "parseFloat", "parseInt"])
    drop(Number, name, `Number.${name}`);
  for (const name of ["log10", "trunc", "sign", "cbrt", "hypot", "log2", "imul", "fround", "clz32"])
    drop(Math, name, `Math.${name}`);
  drop(w.Crypto.prototype, "subtle", "crypto.subtle"); // IE11 has only msCrypto, with events
  drop(w.NodeList.prototype, "forEach", "NodeList#forEach");
  for (const name of [
    "closest",
    "matches",
    "append",
    "prepend",
    "remove",
    "replaceWith",
    "replaceChildren",
    "toggleAttribute",
  ])
    drop(w.Element.prototype, name, `Element#${name}`);
  w.__KH157_REMOVED__ = gone;
  w.__KH157_NATIVE__ = natives; // core-js makes its functions' toString say [native code]: compare identities
}

/**
 * The in-memory workbook is test code compiled for Chromium (native for-of and spread): it keeps
 * Chromium's own Map, Set, Symbol and Promise, or the pane's polyfilled ones (whose iterators sit
 * on core-js's Symbol.iterator) would not iterate under native syntax.
 */
function withNativeCollections(script: string): string {
  return `((Map, Set, WeakMap, Symbol, Promise) => {\n${script}\n})(Map, Set, WeakMap, Symbol, Promise);`;
}

describe.skipIf(skipBrowser)("the task pane in Chromium", () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let fakeExcel = "";
  let officeDir = "";
  const keys: string[] = [];
  const bodies: string[] = [];
  /** Office.js files the pages asked for (relative to its folder), and what was refused. */
  const officeFiles: string[] = [];
  const missingOffice: string[] = [];
  const refused: string[] = [];
  const seedValues: Record<string, unknown> = {};
  let dropNextAnswer = false;

  const { t, text, waitText, cellOf, connectAs, submitAndWait } = paneHelpers(() => page);

  /** A new page of the pane; `init` scripts run before the page's own. */
  async function openPane(p: Page, query = "", ...init: (string | (() => void))[]): Promise<void> {
    for (const script of init) await p.addInitScript(typeof script === "string" ? { content: script } : script);
    await p.goto(`${worker!.url}/pane/index.html${query}`, { timeout: STEP });
    await p.waitForSelector("body[data-ready=true]", { timeout: STEP });
  }

  beforeAll(async () => {
    const fake = await build({
      entryPoints: [join(root, "tests/addin/support/browser-excel.ts")],
      bundle: true,
      format: "iife",
      write: false,
      target: "chrome100",
      logLevel: "error",
    });
    fakeExcel = fake.outputFiles[0].text;
    // The genuine Office.js: the files `OFFICE_JS=packaged npm run build:pane` puts in the pane.
    officeDir = mkdtempSync(join(tmpdir(), "kh157-office-js-"));
    copyOfficeJs(officeDir);
    browser = await launchChromium({ viewport: { width: 380, height: 1100 }, stepTimeout: STEP });
    context = browser.context;
    // Office.js comes from Microsoft's CDN (as index.html and the CSP have it): answered here from
    // the packaged files; nothing else leaves the machine.
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => {
      const url = route.request().url();
      if (!url.startsWith(CDN_BASE)) {
        refused.push(url);
        return route.abort();
      }
      const rel = normalize(new URL(url).pathname.slice(new URL(CDN_BASE).pathname.length));
      officeFiles.push(rel);
      const file = join(officeDir, rel);
      if (rel.startsWith("..") || !existsSync(file)) {
        missingOffice.push(rel);
        return route.fulfill({ status: 404, contentType: "text/plain", body: "not found" });
      }
      return route.fulfill({ status: 200, contentType: "text/javascript; charset=utf-8", body: readFileSync(file) });
    });
    await context.route("**/api/submissions", async (route) => {
      if (route.request().method() !== "POST") return route.fallback();
      keys.push(route.request().headers()["idempotency-key"] ?? "");
      bodies.push(route.request().postData() ?? "");
      if (!dropNextAnswer) return route.fallback();
      dropNextAnswer = false;
      await route.fetch(); // the server stores it; the answer never arrives
      await route.abort("connectionreset");
    });
    page = context.pages()[0] ?? (await context.newPage());
    await openPane(page, "", fakeExcel);
    mkdirSync(artifacts, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (officeDir) rmSync(officeDir, { recursive: true, force: true });
  });

  it("loads the genuine Office.js: outside Office, Office.onReady says host null and the pane uses the in-memory workbook", async () => {
    const office = await page.evaluate(async () => {
      const info = await Office.onReady();
      return {
        host: info.host,
        platform: info.platform,
        hasExcel: typeof Excel !== "undefined" && typeof Excel.run === "function",
      };
    });
    expect(office).toEqual({ host: null, platform: null, hasExcel: expect.any(Boolean) });
    // Outside Office, Office.js loads its Office 2013 helper, which then finds no host.
    expect(officeFiles).toEqual(expect.arrayContaining(["office.js", "o15apptofilemappingtable.js"]));
    expect(missingOffice).toEqual([]); // every file Office.js asked for is in the packaged set
    expect(await page.locator("#not-in-excel").isHidden()).toBe(true);
    expect(await page.locator("#build-button").isEnabled()).toBe(true);
  });

  it("connects with a submitter token and shows the role and unit; from then on the server's template is used", async () => {
    expect(await page.inputValue("#server")).toBe(worker!.url);
    // Before connecting: the built-in template, and the pane says so.
    expect(await page.locator("#template-info").getAttribute("data-source")).toBe("built-in");
    expect(await text("#template-info")).toBe(message("vi", "template_builtIn", { number: "157/KH-UBND", version: 1 }));
    await connectAs(tokens.submitter, /người nộp · Huyện Trần Đề \(951\)/);
    await expect
      .poll(() => page.locator("#template-info").getAttribute("data-source"), { timeout: STEP })
      .toBe("server");
    expect(await text("#template-info")).toBe(message("vi", "template_server", { number: "157/KH-UBND", version: 1 }));
    expect(
      await page
        .locator("#kind option")
        .evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, e.textContent])),
    ).toEqual([
      ["plan", "Kế hoạch"],
      ["execution", "Thực hiện"],
    ]);
  });

  it("builds PL01–PL03 in the workbook (within the budget of three syncs)", async () => {
    await page.click("#build-button");
    await waitText("#build-result", /PL01, PL02, PL03/);
    expect(await t((h) => h.sheetNames())).toEqual(["Sheet1", "PL01", "PL02", "PL03"]);
    // README budget; 3 since calculation is suspended, then recalculated
    expect(await t((h) => h.syncs.at(-1))).toBeLessThanOrEqual(3);
    expect(await t((h) => h.setting("kh157.base"))).toEqual({
      template: "kh-157-2023",
      unit: "951",
      kind: "plan",
      version: 0,
    });
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
    const listed = await page
      .locator("#issues button")
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cell));
    // One mistake, one message: the totals that follow the two refused cells are not listed; the
    // list reads sheet by sheet and names each row and year in words.
    expect(listed).toEqual([`PL01!${neg}`, `PL02!${txt}`]);
    expect(await text("#check-summary")).toMatch(/^2 lỗi/);
    expect(await text("#issues")).toContain("Số liệu không được âm");
    expect(await page.locator("#issues .place").first().innerText()).toMatch(/^Mục \S+ .+ — .+ năm \d{4}$/);
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
    expect(answer).toMatch(/^ok: Đã nộp phiên bản 1 lúc .+ Mã kiểm tra: [0-9a-f]{12}…/);
    expect(await page.locator("#receipt").getAttribute("data-sha256")).toMatch(/^[0-9a-f]{64}$/);
    expect(keys.at(-1)).toBe(`addin-${createHash("sha256").update(bodies.at(-1)!, "utf8").digest("hex").slice(0, 48)}`);
    expect(await t((h) => h.setting("kh157.base"))).toMatchObject({ version: 1 });
    const list = await api("/api/submissions?unit=951", tokens.submitter);
    expect(list.body.submissions).toEqual([expect.objectContaining({ version: 1, source: "addin" })]);
    writeFileSync(join(artifacts, "addin-pane-receipt.png"), await page.screenshot({ fullPage: true }));
  });

  it("the same figures again are not a new version: the pane says which version they equal, and stores one only on request", async () => {
    const same = await submitAndWait();
    expect(same).toMatch(/^ok: Số liệu giống phiên bản 1 đã nộp nên không lưu thêm phiên bản mới/);
    expect((await api("/api/submissions?unit=951", tokens.submitter)).body.submissions).toHaveLength(1);
    await page.locator("#new-version-button:not([hidden])").waitFor({ timeout: STEP });
    await page.click("#new-version-button");
    await page.locator("#new-version-button[hidden]").waitFor({ state: "attached", timeout: STEP });
    await waitText("#receipt", /^Đã nộp phiên bản 2 lúc/);
    const versions = (await api("/api/submissions?unit=951", tokens.submitter)).body.submissions;
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
  });

  it("a lost answer leaves the sheet alone; submitting again reuses the Idempotency-Key and gets the first receipt", async () => {
    await t(async (h, x) => h.type("PL01", x[0], "170"), [await cellOf("PL01", "1.", "quantity", "2024")]);
    const before = await t((h) => h.dump());
    dropNextAnswer = true;
    const lost = await submitAndWait();
    expect(lost).toMatch(/^error: Không kết nối được máy chủ .*nộp lại cùng nội dung sẽ không tạo bản trùng/);
    expect(await t((h) => h.dump())).toBe(before);
    expect(await t((h) => h.setting("kh157.base"))).toMatchObject({ version: 2 });

    const retry = await submitAndWait();
    expect(retry).toMatch(/^ok: Đã nộp phiên bản 3 .*trả lại biên nhận cũ/);
    expect(keys.at(-1)).toBe(keys.at(-2));
    expect(keys.at(-1)).toMatch(/^addin-[0-9a-f]{48}$/);
    expect(keys.at(-1)).not.toBe(keys.at(-3));
  });

  it("409: someone else submitted meanwhile — a clear message, the sheet untouched, then an explicit overwrite", async () => {
    const colleague = await api("/api/submissions", tokens.colleague, {
      method: "POST",
      body: JSON.stringify({
        template: "kh-157-2023",
        unit: "951",
        kind: "plan",
        baseVersion: 3,
        appendices: { PL02: { 1: { quantity: { 2023: 50 }, NSTW: { 2023: "40" } } } },
      }),
    });
    expect(colleague.body.version).toBe(4);
    await t(async (h, x) => h.type("PL01", x[0], "175"), [await cellOf("PL01", "1.", "quantity", "2024")]);
    const before = await t((h) => h.dump());
    const stale = await submitAndWait();
    expect(stale).toMatch(/^error: Trong lúc bạn sửa, đơn vị đã có phiên bản 4 \(bạn sửa từ phiên bản 3\)/);
    expect(await t((h) => h.dump())).toBe(before);
    expect(await page.locator("#overwrite-button").innerText()).toBe("Nộp đè lên phiên bản 4");

    await page.click("#overwrite-button");
    await waitText("#receipt", /Đã nộp phiên bản 5/);
  });

  it("423: a locked year refuses changes, with the sheet untouched", async () => {
    const lock = await api("/api/locks", tokens.reviewer, {
      method: "POST",
      body: JSON.stringify({ template: "kh-157-2023", kind: "plan", period: "2023" }),
    });
    expect(lock.status).toBe(201);
    const cell = await cellOf("PL01", "2.", "quantity", "2023");
    const was = await t((h, x) => h.value("PL01", x[0]), [cell]);
    await t((h, x) => h.type("PL01", x[0], "7"), [cell]);
    const before = await t((h) => h.dump());
    expect(await submitAndWait()).toMatch(/^error: Năm 2023 đã bị khóa.*liên hệ người duyệt/);
    expect(await t((h) => h.dump())).toBe(before);
    await t((h, x) => h.type("PL01", x[0], x[1]), [cell, was]);
    // Open again for the cases below (another unit submits its 2023 figures).
    const unlock = await api("/api/locks?template=kh-157-2023&kind=plan&period=2023", tokens.reviewer, {
      method: "DELETE",
    });
    expect(unlock.status).toBe(200);
  });

  it("history lists the versions with status and reviewer comments, and opens one into the sheets", async () => {
    const versions = (await api("/api/submissions?unit=951", tokens.submitter)).body.submissions as {
      id: string;
      version: number;
    }[];
    const v1 = versions.find((s) => s.version === 1)!;
    expect(
      (
        await api(`/api/submissions/${v1.id}/return`, tokens.reviewer, {
          method: "POST",
          body: JSON.stringify({ comment: "Bổ sung kinh phí NSĐP" }),
        })
      ).status,
    ).toBe(200);

    await page.click("#history-button");
    await page.waitForSelector("#snapshots li", { timeout: STEP });
    expect(
      await page.locator("#snapshots li").evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.version)),
    ).toEqual(["5", "4", "3", "2", "1"]);
    const first = await text('#snapshots li[data-version="1"]');
    expect(first).toContain("Bị trả lại");
    expect(first).toContain("Ý kiến: Bổ sung kinh phí NSĐP");
    // The status words of the shared vocabulary: the same as on the web pages.
    expect(await text('#snapshots li[data-version="2"] .meta span')).toBe("Chờ duyệt");

    await page.click('#snapshots li[data-version="4"] button');
    await waitText("#history-result", /Đã mở phiên bản 4/);
    expect(await t((h) => h.sheetNames())).toEqual(expect.arrayContaining(["PL01", "PL01 (cũ)", "PL03 (cũ)"]));
    expect(await t((h) => h.value("PL01", "A4"))).toBe("Đơn vị: Huyện Trần Đề (951) — phiên bản 4");
    expect(await t((h) => h.setting("kh157.base"))).toMatchObject({ version: 4 });
    expect(await t(async (h, x) => h.value("PL02", x[0]), [await cellOf("PL02", "1.", "quantity", "2023")])).toBe(50);
  });

  it("pulls consolidated totals (basis, as of) into a new sheet naming the unit versions", async () => {
    await page.click("#totals-button");
    await waitText("#totals-result", /lãnh đạo hoặc người duyệt/);

    await connectAs(tokens.leader, /lãnh đạo/);
    await page.selectOption("#basis", "latest");
    await page.click("#totals-button");
    await waitText("#totals-result", /Đã ghi số tổng hợp của 1 đơn vị vào sheet "Tổng hợp \d{2}-\d{2}-\d{4}"/);
    const sheet = (await page.locator("#totals-result").getAttribute("data-sheet"))!;
    expect(await t((h) => h.syncs.at(-1))).toBe(2);
    expect(await t((h, x) => h.value(x[0], "A3"), [sheet])).toBe("Gồm 1 đơn vị: Huyện Trần Đề (951) phiên bản 5.");

    // As of a moment before anything was submitted: nobody is included.
    // A date as people type it, day first; a month-first or impossible date is refused at the field.
    await page.fill("#as-of", "31/12/2019");
    await page.click("#totals-button");
    await waitText("#totals-result", /của 0 đơn vị/);
    const empty = (await page.locator("#totals-result").getAttribute("data-sheet"))!;
    expect(await t((h, x) => h.value(x[0], "A3"), [empty])).toBe("Chưa có đơn vị nào nộp báo cáo.");
    expect(await t((h, x) => h.value(x[0], "A2"), [empty])).toMatch(/Tính đến: 31\/12\/2019 23:59$/);

    await page.fill("#as-of", "12/31/2019");
    await page.click("#totals-button");
    await waitText("#totals-result", /"12\/31\/2019" không phải ngày dạng ngày\/tháng\/năm/);
  });

  it("forgets the token on this computer: disconnected, the server address kept, still forgotten after a reload", async () => {
    const server = await page.inputValue("#server");
    expect(await page.evaluate(() => localStorage.getItem("kh157.token"))).toBe(tokens.leader);
    await page.click("#forget-button");
    await waitText("#status", /Đã xóa mã truy cập/);
    expect(await page.inputValue("#token")).toBe("");
    expect(await page.evaluate(() => localStorage.getItem("kh157.token"))).toBeNull();
    await page.reload();
    await page.locator("body[data-ready]").waitFor({ timeout: STEP });
    await waitText("#who", /Chưa kết nối/);
    expect(await page.inputValue("#server")).toBe(server);
    expect(await page.inputValue("#token")).toBe("");
  });

  describe("as Internet Explorer 11 (Excel 2016 and 2019 volume licence) would run it: without the built-ins it lacks", () => {
    let ie: Page;
    const pane = paneHelpers(() => ie);

    beforeAll(async () => {
      tokens.ie = await issueToken("submitter", "950");
      ie = await context.newPage();
      const errors: string[] = [];
      ie.on("pageerror", (err) => errors.push(err.message));
      // ?api=1: the in-memory workbook answers like Excel 2016 (ExcelApi 1.1), the IE11 host.
      await openPane(ie, "?api=1", withNativeCollections(fakeExcel), removeWhatIe11Lacks);
      expect(errors).toEqual([]);
    });

    afterAll(async () => {
      await ie?.close();
    });

    it("pane.js brings them itself (polyfills), and needs no TextEncoder or crypto.subtle", async () => {
      const removed = await ie.evaluate(() => (window as any).__KH157_REMOVED__ as string[]);
      expect(removed).toEqual(
        expect.arrayContaining([
          "Promise",
          "Symbol",
          "Map",
          "Set",
          "fetch",
          "URL",
          "TextEncoder",
          "Object.fromEntries",
          "String#normalize",
          "crypto.subtle",
        ]),
      );
      const state = await ie.evaluate(() => {
        const w = window as any;
        const replaced = (label: string, now: unknown) =>
          typeof now === "function" && now !== w.__KH157_NATIVE__[label];
        return {
          promise: replaced("Promise", w.Promise),
          fetch: w.fetch?.polyfill === true,
          normalize: replaced("String#normalize", "".normalize),
          fromEntries: replaced("Object.fromEntries", Object.fromEntries),
          url: new w.URL("https://example.org/a?b=1").hostname,
          textEncoder: typeof w.TextEncoder,
          subtle: typeof w.crypto.subtle,
          office: typeof w.Office,
        };
      });
      expect(state).toEqual({
        promise: true,
        fetch: true,
        normalize: true,
        fromEntries: true,
        url: "example.org",
        textEncoder: "undefined",
        subtle: "undefined",
        office: "object",
      });
    });

    it("connects, builds, checks (marks, click selects) and submits with the same key as the body's SHA-256", async () => {
      await pane.connectAs(tokens.ie, /người nộp · Thị xã Vĩnh Châu \(950\)/);

      await ie.click("#build-button");
      await pane.waitText("#build-result", /PL01, PL02, PL03/);
      expect(await pane.t((h) => h.sheetNames())).toEqual(["Sheet1", "PL01", "PL02", "PL03"]);

      await pane.t((h) => h.typeSeed());
      const neg = await pane.cellOf("PL01", "1.", "quantity", "2023");
      const txt = await pane.cellOf("PL02", "1.", "NSTW", "2024");
      const was = [
        await pane.t((h, x) => h.value("PL01", x[0]), [neg]),
        await pane.t((h, x) => h.value("PL02", x[0]), [txt]),
      ];
      await pane.t((h, x) => h.type("PL01", x[0], "-160"), [neg]);
      await pane.t((h, x) => h.type("PL02", x[0], "bốn mươi"), [txt]); // text: NFC in parse-text
      await ie.click("#check-button");
      await pane.waitText("#check-summary", /\d+ lỗi/);
      // Not locator.evaluateAll: Playwright's main-world helper would get the polyfilled Map here.
      const listed = await ie.evaluate(() =>
        Array.prototype.map.call(document.querySelectorAll("#issues button"), (e: HTMLElement) => e.dataset.cell),
      );
      expect(listed).toEqual(expect.arrayContaining([`PL01!${neg}`, `PL02!${txt}`]));
      expect(await pane.text("#issues")).toContain("Số liệu không được âm");
      expect(await pane.t((h, x) => h.fill("PL01", x[0]), [neg])).toBe(ERROR_FILL);
      await ie.click(`#issues button[data-cell="PL02!${txt}"]`);
      await expect
        .poll(() => pane.t((h) => h.book.selection), { timeout: STEP })
        .toEqual({ sheet: "PL02", address: txt });

      await pane.t((h, x) => h.type("PL01", x[0], x[1]), [neg, was[0]]);
      await pane.t((h, x) => h.type("PL02", x[0], x[1]), [txt, was[1]]);
      await ie.click("#check-button");
      await pane.waitText("#check-summary", /^Không có lỗi\.$/);
      const answer = await pane.submitAndWait();
      expect(answer).toMatch(/^ok: Đã nộp phiên bản 1 lúc .+ Mã kiểm tra: [0-9a-f]{12}…/);
      // The Idempotency-Key came from the pane's own SHA-256 (no crypto.subtle): Node's digest of the body.
      expect(JSON.parse(bodies.at(-1)!)).toMatchObject({ unit: "950", baseVersion: 0 });
      expect(keys.at(-1)).toBe(
        `addin-${createHash("sha256").update(bodies.at(-1)!, "utf8").digest("hex").slice(0, 48)}`,
      );
      const list = await api("/api/submissions?unit=950", tokens.ie);
      expect(list.body.submissions).toEqual([expect.objectContaining({ version: 1, source: "addin" })]);
    });

    it("history and English still work", async () => {
      await ie.click("#history-button");
      await ie.waitForSelector("#snapshots li", { timeout: STEP });
      expect(
        await ie.evaluate(() =>
          Array.prototype.map.call(document.querySelectorAll("#snapshots li"), (e: HTMLElement) => e.dataset.version),
        ),
      ).toEqual(["1"]);
      await ie.click("#lang");
      await pane.waitText("h1", /KH 157 budget/);
      await ie.click("#lang");
      await pane.waitText("h1", /Ngân sách KH 157/);
    });
  });

  describe("when Office.js cannot be loaded (the CDN blocked, the file missing)", () => {
    it('says so, in place of "open it in Excel", and keeps the Excel buttons off', async () => {
      const p = await context.newPage();
      try {
        await p.route(OFFICE_JS_CDN, (route) =>
          route.fulfill({ status: 404, contentType: "text/plain", body: "not found" }),
        );
        await openPane(p);
        expect(await p.evaluate(() => typeof (window as any).Office)).toBe("undefined");
        const note = p.locator("#not-in-excel");
        expect(await note.isVisible()).toBe(true);
        expect(await note.innerText()).toBe(message("vi", "officeMissing"));
        expect(await note.innerText()).not.toBe(message("vi", "notInExcel"));
        expect(await p.locator("#build-button").isDisabled()).toBe(true);
        await p.click("#lang");
        await expect.poll(() => note.innerText(), { timeout: STEP }).toBe(message("en", "officeMissing"));
      } finally {
        await p.close();
      }
    });
  });

  describe("a newer template stored on the server (issue 14: other ids, other kinds)", () => {
    /**
     * Plan 157's template, version 2, with other ids for the appendices, measures and phase total,
     * and other words for its kinds. The kinds keep their ids: the snapshots table of D1 still
     * accepts only plan and execution (the kinds' ids are renamed in template-source.test.ts).
     */
    const newer = { ...renamedTemplate(), id: "kh-157-2023", version: 2 };
    newer.kinds = [
      { id: "plan", label: "Dự toán", en: "Estimate" },
      { id: "execution", label: "Quyết toán", en: "Final accounts" },
    ];
    let neg = "";

    beforeAll(async () => {
      // The cell of item 1's quantity in 2023 of PL01 (built-in template): the same layout in BIEU-A.
      await withPane(async (p, h) => {
        await p.click("#build-button");
        // no expect.poll outside a test
        await p.locator("#build-result", { hasText: "PL01, PL02, PL03" }).waitFor({ timeout: STEP });
        neg = await h.cellOf("PL01", "1.", "quantity", "2023");
      });
      const stored = await api("/api/templates", worker!.adminToken, { method: "POST", body: JSON.stringify(newer) });
      expect(stored.status).toBe(201);
    });

    async function withPane(
      work: (p: Page, h: ReturnType<typeof paneHelpers>) => Promise<void>,
      setUp: (p: Page) => Promise<void> = async () => {},
    ) {
      const p = await context.newPage();
      try {
        await setUp(p);
        // Vietnamese first (an earlier page left English remembered).
        await openPane(p, "", fakeExcel, () => localStorage.setItem("kh157.lang", "vi"));
        await work(
          p,
          paneHelpers(() => p),
        );
      } finally {
        await p.close();
      }
    }

    it("after connecting, the pane lists the template's kinds and builds, checks and submits with it", async () => {
      await withPane(async (p, h) => {
        await h.connectAs(tokens.ie, /người nộp · Thị xã Vĩnh Châu \(950\)/);
        await expect.poll(() => p.locator("#template-info").getAttribute("data-version"), { timeout: STEP }).toBe("2");
        expect(await h.text("#template-info")).toBe(
          message("vi", "template_server", { number: "157/KH-UBND", version: 2 }),
        );
        const kinds = () =>
          p
            .locator("#kind option")
            .evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, e.textContent]));
        expect(await kinds()).toEqual([
          ["plan", "Dự toán"],
          ["execution", "Quyết toán"],
        ]);
        expect(await h.text("#build-hint")).toContain("BIEU-A, BIEU-B, BIEU-C");

        await p.click("#build-button");
        await h.waitText("#build-result", /BIEU-A, BIEU-B, BIEU-C/);
        expect(await h.t((x) => x.sheetNames())).toEqual(["Sheet1", "BIEU-A", "BIEU-B", "BIEU-C"]);
        expect(await h.t((x) => x.setting("kh157.base"))).toMatchObject({ template: "kh-157-2023", kind: "plan" });

        await h.t((x, a) => x.type("BIEU-A", a[0], "-5"), [neg]);
        await p.click("#check-button");
        await h.waitText("#check-summary", /\d+ lỗi/);
        const listed = await p
          .locator("#issues button")
          .evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.cell));
        expect(listed).toContain(`BIEU-A!${neg}`);

        // Fixed, the figures go to the server, which validates them against the same version 2.
        await h.t((x, a) => x.type("BIEU-A", a[0], "5"), [neg]);
        expect(await h.submitAndWait()).toMatch(/^ok: Đã nộp phiên bản 2 /); // unit 950's version 1 came from the IE11 page
        expect(JSON.parse(bodies.at(-1)!)).toMatchObject({
          template: "kh-157-2023",
          kind: "plan",
          appendices: { "BIEU-A": { 1: { [RENAMED.measures.quantity]: { 2023: 5 } } } },
        });

        await p.click("#lang");
        await h.waitText("h1", /KH 157 budget/);
        expect(await kinds()).toEqual([
          ["plan", "Estimate"],
          ["execution", "Final accounts"],
        ]);
        expect(await h.text("#template-info")).toBe(
          message("en", "template_server", { number: "157/KH-UBND", version: 2 }),
        );
        await p.click("#lang");
        await h.waitText("h1", /Ngân sách KH 157/);
      });
    });

    it("offline, the copy saved at the last connection is used; without one, the built-in template, and the pane says so", async () => {
      const offline = async (p: Page) => {
        await p.route("**/api/**", (route) => route.abort("connectionrefused"));
      };
      await withPane(async (p, h) => {
        await h.waitText("#who", /Chưa kết nối/); // the remembered token could not reach the server
        expect(await p.locator("#template-info").getAttribute("data-source")).toBe("saved");
        expect(await h.text("#template-info")).toBe(
          message("vi", "template_saved", { number: "157/KH-UBND", version: 2 }),
        );
        await p.click("#build-button");
        await h.waitText("#build-result", /BIEU-A, BIEU-B, BIEU-C/);
        // The saved copy is checked again: spoiled, it is not used.
        await p.evaluate(() => {
          const saved = JSON.parse(localStorage.getItem("kh157.template")!);
          saved.template.periods = [];
          localStorage.setItem("kh157.template", JSON.stringify(saved));
        });
      }, offline);
      await withPane(async (p, h) => {
        await h.waitText("#who", /Chưa kết nối/);
        expect(await p.locator("#template-info").getAttribute("data-source")).toBe("built-in");
        expect(await h.text("#template-info")).toBe(
          message("vi", "template_builtIn", { number: "157/KH-UBND", version: 1 }),
        );
        expect(
          await p.locator("#kind option").evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value)),
        ).toEqual(["plan", "execution"]);
        await p.click("#build-button");
        await h.waitText("#build-result", /PL01, PL02, PL03/);
        await p.click("#lang");
        await h.waitText("#template-info", /^Template 157\/KH-UBND, version 1, built into the add-in \(not connected/);
        await p.click("#lang");
      }, offline);
    });

    it("a template from the server that does not pass checkTemplate is not used, and the pane says so clearly", async () => {
      await withPane(
        async (p, h) => {
          await h.connectAs(tokens.ie, /người nộp/);
          await expect
            .poll(() => p.locator("#template-info").getAttribute("class"), { timeout: STEP })
            .toBe("note warning");
          expect(await p.locator("#template-info").getAttribute("data-source")).toBe("built-in");
          expect(await h.text("#template-info")).toMatch(
            /^Mẫu biểu máy chủ gửi về không dùng được trong add-in này \(Cần đúng một kỳ là tổng giai đoạn \("total": true\), hiện có 0\.\); tạm dùng mẫu biểu có sẵn trong add-in, phiên bản 1\./,
          );
          await p.click("#build-button");
          await h.waitText("#build-result", /PL01, PL02, PL03/);
        },
        async (p) => {
          const broken = { ...newer, version: 3, periods: newer.periods.map((x) => ({ ...x, total: false })) };
          await p.route("**/api/templates/kh-157-2023", (route) =>
            route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify(broken) }),
          );
        },
      );
    });
  });

  it("nothing but Office.js was asked of other servers", () => {
    expect(refused).toEqual([]);
  });
});
