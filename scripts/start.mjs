// npm start: prepare the local Worker (secrets, D1 migrations with the seeded units) and run `wrangler dev`.
// Non-interactive; stops wrangler when this process is interrupted.
import { randomBytes } from "node:crypto";
import { devVar, distrustLocalClientAddress, keepLocalStatePrivate, wranglerSpawn, wranglerSync } from "./wrangler.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const url = `http://localhost:${PORT}`;

function adminToken() {
  return devVar("ADMIN_TOKEN", randomBytes(32).toString("base64url"), "start: .dev.vars created with a new ADMIN_TOKEN");
}

async function waitForHealth(child, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no answer from ${url}/api/health after ${timeoutMs / 1000} s`);
}

const token = adminToken();
// Locally every request is one address for the failed sign-in limit (TRUST_CF_CONNECTING_IP
// "false" in .dev.vars), and the local D1 database and R2 uploads are readable by this user only
// (umask 077 for wrangler and workerd, no group or other permissions on what .wrangler/ holds).
distrustLocalClientAddress();
keepLocalStatePrivate();
wranglerSync(["d1", "migrations", "apply", "DB", "--local"], { env: { CI: "true" } });

const dev = wranglerSpawn(["dev", "--port", String(PORT), "--show-interactive-dev-session=false"]);
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code, signal) => process.exit(signal ? 0 : (code ?? 1)));

try {
  await waitForHealth(dev);
} catch (err) {
  console.error(`start: ${err.message}`);
  dev.kill("SIGTERM");
  process.exit(1);
}

console.log(`
  Máy chủ đang chạy / Server running:   ${url}
  Kiểm tra / Health check:              ${url}/api/health
  Mã quản trị / Admin token (ADMIN_TOKEN, in .dev.vars):
    ${token}
  Dừng bằng Ctrl+C / Stop with Ctrl+C.
`);
