import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodePng } from "./support/png";

const root = fileURLToPath(new URL("..", import.meta.url));
const validator = fileURLToPath(new URL("../../shared/tools/validate-manifest.sh", import.meta.url));
const manifest = readFileSync(new URL("../manifest.xml", import.meta.url), "utf8");
const attr = (tag: string) => manifest.match(new RegExp(`<${tag} DefaultValue="([^"]*)"`))?.[1];
/** The source file the pane build copies to a manifest URL's path under /pane/. */
const sourceOf = (url: string) => {
  const path = new URL(url).pathname.replace(/^\/pane\//, "");
  return new URL(path.startsWith("assets/") ? `../addin/${path}` : `../addin/pane/${path}`, import.meta.url);
};

const hasXmllint = spawnSync("sh", ["-c", "command -v xmllint"]).status === 0;
// Locally a missing xmllint only skips the schema check; in CI it must run (the script installs it).
const skipSchema = !hasXmllint && !process.env.CI;
if (skipSchema) {
  console.warn("manifest.test: xmllint not found, schema check skipped (apt-get install libxml2-utils)");
}

function validate(xml?: string) {
  const args = xml === undefined ? [validator, "manifest.xml"] : [validator, "/dev/stdin"];
  return spawnSync("bash", args, { cwd: root, input: xml, encoding: "utf8" });
}

describe("manifest.xml", () => {
  it("has the validator from ../shared beside the repository", () => {
    expect(existsSync(validator)).toBe(true);
  });

  it.skipIf(skipSchema)("validates against the Office add-in XSDs", () => {
    const result = validate();
    expect(result.stderr + result.stdout).toContain("validates");
    expect(result.status).toBe(0);
  });

  it.skipIf(skipSchema)("the schema check rejects a manifest without Permissions", () => {
    const broken = manifest.replace(/<Permissions>[^<]*<\/Permissions>/, "");
    expect(broken).not.toBe(manifest);
    expect(validate(broken).status).not.toBe(0);
  });

  it("is an Excel task pane in Vietnamese that may write the workbook", () => {
    const text = (tag: string) => manifest.match(new RegExp(`<${tag}>([^<]*)</${tag}>`))?.[1];
    expect(manifest).toContain('xsi:type="TaskPaneApp"');
    expect(text("Id")).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(text("DefaultLocale")).toBe("vi-VN");
    expect(attr("DisplayName")).toBe("Ngân sách KH 157");
    expect(manifest).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/);
    expect(attr("SourceLocation")).toBe("https://localhost:8787/pane/index.html");
    expect(text("Permissions")).toBe("ReadWriteDocument");
  });

  it("opens the pane from a button on the Home tab, with 16/32/80 px icons and en-US strings", () => {
    expect(manifest).toMatch(/<ov:OfficeTab id="TabHome">[\s\S]*<ov:Control xsi:type="ov:Button"[\s\S]*<ov:Action xsi:type="ov:ShowTaskpane">/);
    for (const size of [16, 32, 80]) expect(manifest).toContain(`<bt:Image size="${size}" resid="Kh157.Icon.${size}"/>`);
    const strings = [...manifest.matchAll(/<bt:String id="([^"]+)" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US" Value="[^"]+"\/>/g)].map((m) => m[1]);
    const declared = [...manifest.matchAll(/<bt:String id="([^"]+)"/g)].map((m) => m[1]);
    expect(strings).toEqual(declared);
    expect(declared.length).toBeGreaterThanOrEqual(5);
  });

  it("asks only for ExcelApi 1.1 (Excel 2016): richer sets are detected at run time", () => {
    const requirements = manifest.match(/<Requirements>([\s\S]*?)<\/Requirements>/)?.[1] ?? "";
    expect(requirements).toMatch(/<Sets DefaultMinVersion="1\.1">/);
    expect([...requirements.matchAll(/<Set [^>]*>/g)].map((m) => m[0])).toEqual(['<Set Name="ExcelApi" MinVersion="1.1"/>']);
  });

  it("has a 32 px IconUrl and a 64 px HighResolutionIconUrl, real PNGs of those sizes", () => {
    for (const [tag, size] of [["IconUrl", 32], ["HighResolutionIconUrl", 64]] as const) {
      const url = attr(tag) ?? "";
      expect(url).toBe(`https://localhost:8787/pane/assets/icon-${size}.png`);
      const file = sourceOf(url);
      expect(existsSync(file), file.pathname).toBe(true);
      const png = decodePng(readFileSync(file));
      expect([png.width, png.height], tag).toEqual([size, size]);
    }
  });

  it("SupportUrl and the GetStarted LearnMoreUrl open the help page, a static page under the pane's CSP", () => {
    const help = "https://localhost:8787/pane/help.html";
    expect(attr("SupportUrl")).toBe(help);
    const learnMore = manifest.match(/<ov:LearnMoreUrl resid="([^"]+)"\/>/)?.[1];
    expect(manifest).toContain(`<bt:Url id="${learnMore}" DefaultValue="${help}"/>`);
    const file = sourceOf(help);
    expect(existsSync(file), file.pathname).toBe(true);
    const page = readFileSync(file, "utf8");
    expect(page).toMatch(/^<!doctype html>\s*<html lang="vi">/);
    expect(page).toContain('<link rel="stylesheet" href="pane.css" />');
    expect(page).toMatch(/<div id="en" lang="en">/);
    // script-src 'self', style-src 'self': no script at all, no inline style, no event handlers.
    expect(page).not.toMatch(/<script\b|<style\b|\sstyle=|\son[a-z]+=|javascript:/i);
    for (const words of ["Excel 2016", "ExcelApi 1.1", "Excel 2019", "Excel 2021", "Microsoft 365", "npm run start:excel", "npm run stop:excel", "Thư mục dùng chung", "wef", "Tải lên bổ trợ của tôi", "Upload My Add-in"]) {
      expect(page).toContain(words);
    }
  });

  it("points only at files the pane build puts where the Worker serves them (dist/public)", () => {
    const urls = [...new Set([...manifest.matchAll(/"(https:\/\/localhost:8787\/pane\/[^"]+)"/g)].map((m) => m[1]))];
    expect(urls).toEqual(expect.arrayContaining(["https://localhost:8787/pane/index.html", "https://localhost:8787/pane/assets/icon-80.png"]));
    for (const url of urls) {
      const file = new URL(`../dist/public${new URL(url).pathname}`, import.meta.url);
      expect(existsSync(file), `${url} → ${file.pathname}`).toBe(true);
    }
  });
});
