// npm run start:excel / stop:excel: the local Worker over https://localhost:8787 (Office only
// loads add-ins over https) with the task pane built, and the manifest sideloaded where that
// can be done from a script. office-addin-debugging does not install offline (it builds a
// native keychain module), so this does its two useful steps itself:
//  - certificates: office-addin-dev-certs creates a localhost certificate and trusts its CA
//    (it asks for an administrator password the first time);
//  - sideloading: Windows reads manifests from HKCU\...\Office\16.0\WEF\Developer, Excel for Mac
//    from its "wef" folder. Excel on the web has no such place: upload manifest.xml by hand
//    (README, "Excel add-in").
// start runs in the foreground (Ctrl+C stops it); stop:excel, from another terminal, stops it
// and removes the sideload.
import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { homedir } from "node:os";
import { join } from "node:path";
import { buildPane } from "./build-pane.mjs";
import { root, wranglerSpawn, wranglerSync } from "./wrangler.mjs";

const require = createRequire(import.meta.url);
const PORT = 8787;
const manifest = join(root, "manifest.xml");
const addinId = /<Id>([^<]+)<\/Id>/.exec(readFileSync(manifest, "utf8"))[1];
const pidFile = join(root, ".wrangler", "excel-dev.pid");
const WIN_KEY = "HKCU\\Software\\Microsoft\\Office\\16.0\\WEF\\Developer";
const macWef = join(homedir(), "Library/Containers/com.microsoft.Excel/Data/Documents/wef");

function sideload() {
  if (process.platform === "win32") {
    execFileSync("reg", ["add", WIN_KEY, "/v", addinId, "/t", "REG_SZ", "/d", manifest, "/f"], { stdio: "ignore" });
    return "Excel cho Windows: đã đăng ký manifest; mở Excel, thẻ Trang đầu → Ngân sách KH 157.\n  Excel for Windows: manifest registered; open Excel, Home → KH 157 budget.";
  }
  if (process.platform === "darwin") {
    mkdirSync(macWef, { recursive: true });
    copyFileSync(manifest, join(macWef, `${addinId}.manifest.xml`));
    return "Excel cho Mac: đã chép manifest vào thư mục wef; mở lại Excel.\n  Excel for Mac: manifest copied to the wef folder; restart Excel.";
  }
  return "Trên máy này không tự nạp được: dùng Excel trên web (Chèn → Bổ trợ → Tải lên bổ trợ của tôi → manifest.xml).\n  No automatic sideload here: use Excel on the web (Insert → Add-ins → Upload My Add-in → manifest.xml).";
}

function unsideload() {
  if (process.platform === "win32") {
    try {
      execFileSync("reg", ["delete", WIN_KEY, "/v", addinId, "/f"], { stdio: "ignore" });
    } catch {
      // not registered
    }
  }
  if (process.platform === "darwin") rmSync(join(macWef, `${addinId}.manifest.xml`), { force: true });
}

async function start() {
  await buildPane();
  const certs = require("office-addin-dev-certs");
  const paths = require("office-addin-dev-certs/lib/defaults");
  await certs.ensureCertificatesAreInstalled();
  wranglerSync(["d1", "migrations", "apply", "DB", "--local"], { env: { CI: "true" } });
  const dev = wranglerSpawn([
    "dev", "--port", String(PORT), "--local-protocol", "https",
    "--https-key-path", paths.localhostKeyPath, "--https-cert-path", paths.localhostCertificatePath,
    "--show-interactive-dev-session=false",
  ]);
  mkdirSync(join(root, ".wrangler"), { recursive: true });
  writeFileSync(pidFile, String(dev.pid));
  const note = sideload();
  console.log(`
  Khung tác vụ / Task pane: https://localhost:${PORT}/pane/index.html
  ${note}
  Mã quản trị / Admin token: ADMIN_TOKEN trong / in .dev.vars (npm start tạo / creates it)
  Dừng / Stop: Ctrl+C hoặc / or npm run stop:excel
`);
  const finish = () => {
    unsideload();
    rmSync(pidFile, { force: true });
  };
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
  dev.on("exit", (code) => {
    finish();
    process.exit(code ?? 0);
  });
}

function stop() {
  unsideload();
  if (!existsSync(pidFile)) return console.log("stop:excel: không có máy chủ nào đang chạy / no server running");
  const pid = Number(readFileSync(pidFile, "utf8"));
  try {
    process.kill(pid, "SIGTERM");
    console.log(`stop:excel: đã dừng / stopped wrangler dev (pid ${pid})`);
  } catch {
    console.log("stop:excel: máy chủ đã dừng từ trước / already stopped");
  }
  rmSync(pidFile, { force: true });
}

const command = process.argv[2];
if (command === "start") await start();
else if (command === "stop") stop();
else {
  console.error("usage: node scripts/excel.mjs start|stop");
  process.exit(2);
}
