// npm run start:excel / stop:excel: Microsoft's office-addin-debugging sideloads manifest.xml into
// Excel and starts our Worker as its "dev server" on https://localhost:8787 (Office loads add-ins
// only over https), with the localhost certificate from office-addin-dev-certs.
//   npm run start:excel                          Excel for Windows or Mac (opens a new workbook)
//   npm run start:excel -- web --document <url>  Excel on the web: a workbook in OneDrive/SharePoint
//   npm run stop:excel                           stops the Worker and removes the sideload
//   add --dry-run to print the commands instead of running them.
// The Worker keeps running in the background after start:excel returns; `serve` is the command
// office-addin-debugging runs for it (wrangler dev over https, quiet and offline).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { parseArgs } from "node:util";
import { root, wranglerSpawn } from "./wrangler.mjs";

const require = createRequire(import.meta.url);
const PORT = "8787";
const certs = require("office-addin-dev-certs/lib/defaults");
const local = (module) => relative(root, require.resolve(module)).split(sep).join("/");
const debugging = local("office-addin-debugging/cli.js");
const devCerts = local("office-addin-dev-certs/cli.js");
const servePid = join(root, ".wrangler", "excel-serve.pid");

/** wrangler dev, as `serve` runs it through scripts/wrangler.mjs. */
const wranglerDev = [
  "dev",
  "--port",
  PORT,
  "--local-protocol",
  "https",
  "--https-key-path",
  certs.localhostKeyPath,
  "--https-cert-path",
  certs.localhostCertificatePath,
  "--show-interactive-dev-session=false",
];

/** The commands for start or stop, each { argv, env? }; "node" is this Node, run from the repository root. */
function plan(command, { platform = "desktop", document } = {}) {
  if (command === "stop") return [{ argv: ["node", debugging, "stop", "manifest.xml"] }];
  return [
    { argv: ["node", "scripts/build-pane.mjs"] },
    { argv: ["node", devCerts, "install"] },
    { argv: ["node", "scripts/wrangler.mjs", "d1", "migrations", "apply", "DB", "--local"], env: { CI: "true" } },
    {
      argv: [
        "node",
        debugging,
        "start",
        "manifest.xml",
        platform,
        "--app",
        "excel",
        "--dev-server",
        "node scripts/excel.mjs serve",
        "--dev-server-port",
        PORT,
        "--no-debug",
        "--no-live-reload",
        ...(document ? ["--document", document] : []),
      ],
    },
  ];
}

const quote = (arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `"${arg.replaceAll('"', '\\"')}"`);
const show = ({ argv, env = {} }) =>
  [...Object.entries(env).map(([k, v]) => `${k}=${v}`), ...argv].map(quote).join(" ");

function run(step) {
  const result = spawnSync(process.execPath, step.argv.slice(1), {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, ...step.env },
  });
  if (result.status !== 0) fail(`${show(step)} failed (exit ${result.status ?? result.signal})`);
}

function fail(message, code = 1) {
  console.error(`excel: ${message}`);
  process.exit(code);
}

function serve() {
  mkdirSync(dirname(servePid), { recursive: true });
  writeFileSync(servePid, String(process.pid));
  const dev = wranglerSpawn(wranglerDev);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) process.on(signal, () => dev.kill("SIGTERM"));
  dev.on("exit", (code) => {
    rmSync(servePid, { force: true });
    process.exit(code ?? 0);
  });
}

/** office-addin-debugging stops the shell it started `serve` in (on Windows the whole tree); where
 * that shell does not exec its command (dash on Debian), `serve` outlives it and is stopped here. */
function stopServe() {
  if (process.platform === "win32" || !existsSync(servePid)) return;
  try {
    process.kill(Number(readFileSync(servePid, "utf8")), "SIGTERM");
  } catch {
    // already stopped
  }
}

const USAGE =
  "usage: node scripts/excel.mjs start [desktop | web --document <url>] [--dry-run] | stop [--dry-run] | serve";
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { document: { type: "string" }, "dry-run": { type: "boolean", default: false } },
});
const [command, platform = "desktop", ...extra] = positionals;
const dryRun = values["dry-run"];
const devServerNote = `# dev server (node scripts/excel.mjs serve): wrangler ${wranglerDev.map(quote).join(" ")}`;

if (command === "serve") {
  if (dryRun) console.log(`wrangler ${wranglerDev.map(quote).join(" ")}`);
  else serve();
} else if (command === "start" || command === "stop") {
  if (extra.length > 0 || !["desktop", "web"].includes(platform) || (command === "stop" && positionals.length > 1))
    fail(USAGE, 2);
  if (platform === "web" && !values.document) {
    fail(
      "Excel trên web cần một sổ làm việc / Excel on the web needs a workbook: web --document <url in OneDrive or SharePoint>",
      2,
    );
  }
  const steps = plan(command, { platform, document: values.document });
  if (dryRun) {
    for (const step of steps) console.log(show(step));
    console.log(
      command === "start"
        ? devServerNote
        : "# then, except on Windows: SIGTERM to `serve` if .wrangler/excel-serve.pid is still there",
    );
  } else if (command === "stop") {
    steps.forEach(run);
    stopServe();
  } else {
    if (platform === "desktop" && !["win32", "darwin"].includes(process.platform)) {
      fail(
        "Excel cho máy tính chỉ có trên Windows và Mac, ở đây hãy dùng / desktop Excel is Windows or Mac only, here use: npm run start:excel -- web --document <url>",
      );
    }
    for (const step of steps) {
      run(step);
      if (step.argv[1] === devCerts && !existsSync(certs.localhostCertificatePath))
        fail("office-addin-dev-certs created no localhost certificate");
    }
    console.log(`
  Khung tác vụ / Task pane: https://localhost:${PORT}/pane/index.html (Worker chạy nền / runs in the background)
  Trợ giúp / Help: https://localhost:${PORT}/pane/help.html
  Mã quản trị / Admin token: ADMIN_TOKEN trong / in .dev.vars (npm start tạo / creates it)
  Dừng / Stop: npm run stop:excel
`);
  }
} else {
  fail(USAGE, 2);
}
