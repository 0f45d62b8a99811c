// The pane for Internet Explorer 11 and EdgeHTML (decision 0010): pane.js is ECMAScript 5 within
// the gzip budget; the packaged Office.js has every file Office.js loads in Excel and fits the
// Workers static-asset limits; the pane's own stand-ins for missing built-ins (UTF-8, SHA-256,
// String#normalize) give exactly what the engine's versions give. The pane running with those
// built-ins removed is in pane.browser.test.ts.
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { runInNewContext } from "node:vm";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { parse } from "acorn";
import { build } from "esbuild";
import { afterAll, describe, expect, it, vi } from "vitest";
import { sha256Bytes, sha256OfText, utf8Bytes } from "../../addin/api/sha256";
import { combiningClass, COMPOSITIONS, latinNfc, latinNfd, normalizeLatin } from "../../addin/ui/polyfills";
import {
  ASSET_LIMITS,
  assertEs5,
  BUDGET_BYTES,
  buildPane,
  isOfficeJsFileForExcel,
  lowerToEs5,
  OFFICE_JS_CDN,
  OFFICE_JS_DIST,
  OFFICE_JS_PACKAGED,
  officeJsSetting,
  root,
} from "../../scripts/build-pane.mjs";

const temp = mkdtempSync(join(tmpdir(), "kh157-pane-es5-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const es5 = (code: string) => () => parse(code, { ecmaVersion: 5, sourceType: "script" });

describe("pane.js is ECMAScript 5 (Internet Explorer 11)", () => {
  it("the build before decision 0010 (esbuild alone, target es2019) is not ES5: the check has teeth", async () => {
    const old = await build({
      entryPoints: [join(root, "addin/ui/main.ts")],
      bundle: true,
      write: false,
      minify: true,
      format: "iife",
      target: "es2019",
      logLevel: "error",
    });
    expect(es5(old.outputFiles[0].text)).toThrow();
    expect(() => assertEs5("var f = () => 1;")).toThrow(/not ES5/);
    expect(() => assertEs5("var s = `x`;")).toThrow(/not ES5/);
  });

  it("parses as ES5, fits the gzip budget, and index.html loads Office.js from the CDN by default", async () => {
    const out = join(temp, "cdn", "pane");
    const size = await buildPane({ outdir: out, quiet: true, officeJs: "cdn" });
    const js = readFileSync(join(out, "pane.js"), "utf8");
    expect(es5(js)).not.toThrow(); // acorn also refuses regular expression flags newer than g, i, m
    expect(gzipSync(js, { level: 9 }).length).toBe(size.gzip);
    expect(size.gzip).toBeLessThanOrEqual(BUDGET_BYTES);
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain(`<script src="${OFFICE_JS_CDN}"></script>`);
    expect(existsSync(join(out, "office-js"))).toBe(false);
  });

  it("subclasses of Error keep instanceof and message after lowering (the pane checks ApiFailureError with instanceof)", () => {
    const source = `
      class Failure extends Error { constructor(failure) { super("failed: " + failure); this.failure = failure; this.name = "Failure"; } }
      class Network extends Failure {}
      const a = new Failure("x"), b = new Network("y");
      result = [a instanceof Failure, a instanceof Error, a.message, a.failure, b instanceof Network, b instanceof Failure, b.message, b.failure, b.name];`;
    const lowered = lowerToEs5(source);
    expect(es5(lowered)).not.toThrow();
    const sandbox: { result?: unknown[] } = {};
    runInNewContext(lowered, sandbox);
    expect(sandbox.result).toEqual([true, true, "failed: x", "x", true, true, "failed: y", "y", "Failure"]);
  });
});

describe("Office.js packaged with the pane (OFFICE_JS=packaged)", () => {
  it("reads the setting from --office-js or OFFICE_JS, CDN by default, and refuses anything else", () => {
    expect(officeJsSetting([], {})).toBe("cdn");
    expect(officeJsSetting([], { OFFICE_JS: "packaged" })).toBe("packaged");
    expect(officeJsSetting(["--office-js", "cdn"], { OFFICE_JS: "packaged" })).toBe("cdn");
    expect(() => officeJsSetting(["--office-js", "local"], {})).toThrow(/cdn.*packaged/);
  });

  it("copies what Office.js loads in Excel, points index.html at it, within the Workers asset limits", async () => {
    const out = join(temp, "packaged", "pane");
    const size = await buildPane({ outdir: out, quiet: true, officeJs: "packaged" });
    const html = readFileSync(join(out, "index.html"), "utf8");
    expect(html).toContain(`<script src="${OFFICE_JS_PACKAGED}"></script>`);
    expect(html).not.toContain("appsforoffice.microsoft.com");
    const dir = join(out, "office-js");
    const files = (readdirSync(dir, { recursive: true }) as string[]).filter((f) => statSync(join(dir, f)).isFile());
    expect(size.files).toBeLessThanOrEqual(ASSET_LIMITS.files);
    for (const f of files) expect(statSync(join(dir, f)).size, f).toBeLessThanOrEqual(ASSET_LIMITS.fileBytes);
    // Office.js itself, outside Office and in Office 2013 (o15...), each Excel host file, strings.
    for (const f of [
      "office.js",
      "o15apptofilemappingtable.js",
      "excel-win32-16.00.js",
      "excel-win32-16.01.js",
      "excel-web-16.00.js",
      "excel-mac-16.00.js",
      "excel-15.js",
      "en-us/office_strings.js",
      "vi-vn/office_strings.js",
    ]) {
      expect(
        files.map((x) => x.split("\\").join("/")),
        f,
      ).toContain(f);
    }
    // Every script Office.js and the Excel host files load from Office.js's folder is there.
    const loaded = new Set<string>();
    for (const f of files.filter((x) => !x.includes("/") && !x.includes("\\"))) {
      const text = readFileSync(join(dir, f), "utf8");
      for (const m of text.matchAll(
        /["']((?:telemetry|ariatelemetry|webauth)\/[a-z0-9._-]+\.js|o15apptofilemappingtable\.js)["']/g,
      ))
        loaded.add(m[1]);
    }
    expect([...loaded].length).toBeGreaterThan(0);
    for (const f of loaded) expect(existsSync(join(dir, f)), f).toBe(true);
    // Nothing for other applications, no debug builds.
    expect(
      files.filter((f) => /^(word|outlook|powerpoint|onenote|project|access)|\.debug\.js$|\.d\.ts$/.test(f)),
    ).toEqual([]);
    expect(files.length).toBeLessThan(readdirSync(OFFICE_JS_DIST, { recursive: true }).length / 2);
  });

  it("the file filter", () => {
    expect(isOfficeJsFileForExcel("office.js")).toBe(true);
    expect(isOfficeJsFileForExcel("office.debug.js")).toBe(false);
    expect(isOfficeJsFileForExcel("excel-win32-16.01.js")).toBe(true);
    expect(isOfficeJsFileForExcel("word-win32-16.01.js")).toBe(false);
    expect(isOfficeJsFileForExcel(join("sr-latn-rs", "office_strings.js"))).toBe(true);
    expect(isOfficeJsFileForExcel(join("en-us", "outlook_strings.js"))).toBe(false);
    expect(isOfficeJsFileForExcel("office.d.ts")).toBe(false);
  });
});

const SAMPLES = [
  "",
  "abc",
  "Ngân sách KH 157",
  "Đơn vị: Huyện Trần Đề (951) — phiên bản 3",
  "Số liệu không được âm; Kinh phí NSĐP ở ô PL02!F12 phải là số (triệu đồng).",
  "Tiếng Việt có dấu: ắ ằ ẳ ẵ ặ ấ ầ ẩ ẫ ậ ế ề ể ễ ệ ố ồ ổ ỗ ộ ớ ờ ở ỡ ợ ứ ừ ử ữ ự ỳ ỷ ỹ ỵ",
  "Tie\u0302\u0301ng Vie\u0323\u0302t (decomposed)",
  "emoji 😀 and 𝄞, CJK 漢字, a lone \ud800 surrogate",
  "x".repeat(55),
  "x".repeat(56),
  "x".repeat(63),
  "x".repeat(64),
  "x".repeat(65),
  "phiên bản ".repeat(500),
];

describe("SHA-256 without crypto.subtle (Internet Explorer 11): the same Idempotency-Key", () => {
  it("utf8Bytes is TextEncoder's UTF-8, lone surrogates included", () => {
    const encoder = new TextEncoder();
    for (const s of [...SAMPLES, "\udc00x", "x\ud83d", "\ud83d\ude00\ud83d"])
      expect([...utf8Bytes(s)], s).toEqual([...encoder.encode(s)]);
  });

  it("sha256Bytes gives node:crypto's and crypto.subtle's digest", async () => {
    for (const s of SAMPLES) {
      const bytes = utf8Bytes(s);
      const js = Buffer.from(sha256Bytes(bytes)).toString("hex");
      expect(js, s).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(js, s).toBe(Buffer.from(await crypto.subtle.digest("SHA-256", bytes)).toString("hex"));
    }
  });

  it("sha256OfText is the same with and without crypto.subtle", async () => {
    const withSubtle = await Promise.all(SAMPLES.map(sha256OfText));
    vi.stubGlobal("crypto", undefined);
    try {
      expect(typeof crypto).toBe("undefined");
      expect(await Promise.all(SAMPLES.map(sha256OfText))).toEqual(withSubtle);
    } finally {
      vi.unstubAllGlobals();
    }
    expect(withSubtle[1]).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"); // FIPS 180-2 "abc"
  });
});

describe("String#normalize for the Latin script (IE11 has none): the engine's (ICU) answers", () => {
  it("COMPOSITIONS is every canonical composition of U+00C0–U+024F and U+1E00–U+1EFF, as ICU has it", () => {
    const expected: Record<string, string> = {};
    for (const [first, last] of [
      [0xc0, 0x24f],
      [0x1e00, 0x1eff],
    ]) {
      for (let c = first; c <= last; c++) {
        const ch = String.fromCharCode(c);
        const nfd = ch.normalize("NFD");
        if (nfd === ch || ch.normalize("NFC") !== ch) continue;
        const mark = nfd
          .charCodeAt(nfd.length - 1)
          .toString(16)
          .padStart(4, "0");
        expected[mark] = (expected[mark] ?? "") + nfd.slice(0, -1).normalize("NFC") + ch;
      }
    }
    expect(COMPOSITIONS).toEqual(expected);
  });

  it("combining classes order every pair of marks U+0300–U+036F as ICU does", () => {
    for (let a = 0x300; a <= 0x36f; a++) {
      for (let b = 0x300; b <= 0x36f; b++) {
        const s = `x${String.fromCharCode(a)}${String.fromCharCode(b)}`;
        const swapped = s.normalize("NFD") === `x${String.fromCharCode(b)}${String.fromCharCode(a)}` && a !== b;
        // singletons
        if ([0x340, 0x341, 0x343, 0x344].includes(a) || [0x340, 0x341, 0x343, 0x344].includes(b)) continue;
        const [ca, cb] = [combiningClass(String.fromCharCode(a)), combiningClass(String.fromCharCode(b))];
        expect(swapped, `${a.toString(16)} ${b.toString(16)}`).toBe(ca > cb && cb > 0);
      }
    }
  });

  it("NFC and NFD of Vietnamese text and of random Latin strings match ICU", () => {
    for (const s of SAMPLES) {
      expect(latinNfc(s), s).toBe(s.normalize("NFC"));
      expect(latinNfd(s), s).toBe(s.normalize("NFD"));
      expect(latinNfc(s.normalize("NFD")), s).toBe(s.normalize("NFC"));
    }
    // Letters, precomposed letters, marks in any order, singletons (U+0340…), spaces and digits.
    const alphabet = [
      ..."aeiouyAEIOUYdDđĐnNwWs 0123456789.,",
      ..."àáâãạảấầẩẫậăắằẳẵặèéêẹẻẽếềểễệìíĩỉịòóôõọỏốồổỗộơớờởỡợùúũụủưứừửữựỳýỵỷỹĀǕȬṤẛ",
    ];
    for (let m = 0x300; m <= 0x36f; m++) alphabet.push(String.fromCharCode(m));
    let seed = 157;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 3000; n++) {
      let s = "";
      for (let i = Math.floor(next() * 12); i >= 0; i--) s += alphabet[Math.floor(next() * alphabet.length)];
      expect(latinNfd(s), JSON.stringify(s)).toBe(s.normalize("NFD"));
      expect(latinNfc(s), JSON.stringify(s)).toBe(s.normalize("NFC"));
    }
  });

  it("behaves like String.prototype.normalize for the forms and for bad ones", () => {
    expect(normalizeLatin("e\u0302\u0301")).toBe("ế");
    expect(normalizeLatin("ế", "NFD")).toBe("e\u0302\u0301");
    expect(normalizeLatin("ế", "NFKD")).toBe("e\u0302\u0301");
    expect(() => normalizeLatin("x", "nfc")).toThrow(RangeError);
  });
});
