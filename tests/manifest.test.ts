import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const validator = fileURLToPath(new URL("../../shared/tools/validate-manifest.sh", import.meta.url));
const manifest = readFileSync(new URL("../manifest.xml", import.meta.url), "utf8");

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
    const attr = (tag: string) => manifest.match(new RegExp(`<${tag} DefaultValue="([^"]*)"`))?.[1];
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

  it("points only at files the pane build puts where the Worker serves them (dist/public)", () => {
    const urls = [...new Set([...manifest.matchAll(/"(https:\/\/localhost:8787\/pane\/[^"]+)"/g)].map((m) => m[1]))];
    expect(urls).toEqual(expect.arrayContaining(["https://localhost:8787/pane/index.html", "https://localhost:8787/pane/assets/icon-80.png"]));
    for (const url of urls) {
      const file = new URL(`../dist/public${new URL(url).pathname}`, import.meta.url);
      expect(existsSync(file), `${url} → ${file.pathname}`).toBe(true);
    }
  });
});
