// npm run start:excel / stop:excel (scripts/excel.mjs) hand sideloading to Microsoft's
// office-addin-debugging and https to office-addin-dev-certs. Nothing here can run Excel, so the
// commands are checked as `--dry-run` prints them (nothing is built, trusted or started).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const certs = require("office-addin-dev-certs/lib/defaults") as {
  localhostKeyPath: string;
  localhostCertificatePath: string;
};

function excel(...args: string[]) {
  const result = spawnSync(process.execPath, ["scripts/excel.mjs", ...args], {
    cwd: root,
    encoding: "utf8",
    timeout: 30_000,
  });
  return { status: result.status, lines: result.stdout.trim().split("\n"), stderr: result.stderr };
}

const DEBUGGING = "node node_modules/office-addin-debugging/cli.js";
const DEV_SERVER = '--dev-server "node scripts/excel.mjs serve" --dev-server-port 8787 --no-debug --no-live-reload';
const PREPARE = [
  "node scripts/build-pane.mjs",
  "node node_modules/office-addin-dev-certs/cli.js install",
  "CI=true node scripts/wrangler.mjs d1 migrations apply DB --local",
];
const quoted = (path: string) => (/^[\w@%+=:,./-]+$/.test(path) ? path : `"${path}"`); // a home folder with spaces
const WORKER =
  `# dev server (node scripts/excel.mjs serve): wrangler dev --port 8787 --local-protocol https ` +
  `--https-key-path ${quoted(certs.localhostKeyPath)} --https-cert-path ${quoted(certs.localhostCertificatePath)} --show-interactive-dev-session=false`;

describe("scripts/excel.mjs --dry-run", () => {
  it("uses the installed office-addin-debugging and office-addin-dev-certs command lines", () => {
    expect(existsSync(`${root}node_modules/office-addin-debugging/cli.js`)).toBe(true);
    expect(existsSync(`${root}node_modules/office-addin-dev-certs/cli.js`)).toBe(true);
  });

  it("start (desktop): builds the pane, ensures the certificate, migrates, then office-addin-debugging start … desktop", () => {
    const { status, lines, stderr } = excel("start", "--dry-run");
    expect(stderr).toBe("");
    expect(status).toBe(0);
    expect(lines).toEqual([...PREPARE, `${DEBUGGING} start manifest.xml desktop --app excel ${DEV_SERVER}`, WORKER]);
  });

  it("start web --document <url>: the same, sideloading into that workbook in Excel on the web", () => {
    const url = "https://contoso.sharepoint.com/:x:/r/sites/kh157/Doc.aspx?sourcedoc=%7B1%7D&action=edit";
    const { status, lines } = excel("start", "web", "--document", url, "--dry-run");
    expect(status).toBe(0);
    expect(lines).toEqual([
      ...PREPARE,
      `${DEBUGGING} start manifest.xml web --app excel ${DEV_SERVER} --document "${url}"`,
      WORKER,
    ]);
  });

  it("stop: office-addin-debugging stop (stops the Worker, removes the sideload)", () => {
    const { status, lines } = excel("stop", "--dry-run");
    expect(status).toBe(0);
    expect(lines[0]).toBe(`${DEBUGGING} stop manifest.xml`);
    expect(lines.slice(1).every((line) => line.startsWith("#"))).toBe(true);
  });

  it("serve: the Worker over https on 8787 with the office-addin-dev-certs certificate", () => {
    const { status, lines } = excel("serve", "--dry-run");
    expect(status).toBe(0);
    expect(`# dev server (node scripts/excel.mjs serve): ${lines[0]}`).toBe(WORKER);
  });

  it("refuses Excel on the web without a workbook, and unknown targets", () => {
    const web = excel("start", "web", "--dry-run");
    expect(web.status).toBe(2);
    expect(web.stderr).toContain("--document");
    expect(excel("start", "ipad", "--dry-run").status).toBe(2);
    expect(excel("launch", "--dry-run").status).toBe(2);
  });
});
