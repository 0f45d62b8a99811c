// npm start: prepare the local Worker (secrets, D1 migrations with the seeded units) and run
// `wrangler dev`. Non-interactive. Stops cleanly whatever happens:
//
// - wrangler runs in its own process group (with the workerd processes it starts), so the whole
//   group can be ended at once; its output is passed through.
// - SIGINT (Ctrl+C), SIGTERM or SIGHUP: the signal is passed on to that group; if wrangler has
//   not ended within STOP_GRACE_MS (a server that hangs, e.g. after `npm ci` replaced
//   node_modules under it), the group is killed. Either way this process then exits.
// - wrangler ends by itself (crash, killed): what is left of its group is killed and this
//   process exits with wrangler's code (1 when it was killed).
// - node_modules replaced or updated (`npm ci` / `npm install` while the server runs: the
//   marker KH157_INSTALL_MARKER, default node_modules/.package-lock.json, changes or goes away):
//   the server stops with a message, exit 1. Start it again once the install is done.
//
// Usage: node scripts/start.mjs [--persist-to <dir>]   (PORT=8787 by default; --persist-to keeps
// the local D1 and R2 data in <dir> instead of .wrangler/state)
import { randomBytes } from "node:crypto";
import { existsSync, statSync, unwatchFile, watchFile } from "node:fs";
import { join, resolve } from "node:path";
import {
  devVar,
  distrustLocalClientAddress,
  keepLocalStatePrivate,
  root,
  wranglerSpawn,
  wranglerSync,
} from "./wrangler.mjs";

const PORT = Number(process.env.PORT ?? 8787);
const url = `http://localhost:${PORT}`;
const STOP_GRACE_MS = 5_000;
const args = process.argv.slice(2);
const persistTo = args[0] === "--persist-to" && args.length === 2 ? args[1] : undefined;
if (args.length && !persistTo) {
  console.error("usage: node scripts/start.mjs [--persist-to <dir>]");
  process.exit(2);
}
if (!Number.isInteger(PORT) || PORT < 1 || PORT > 65535) {
  console.error(`start: PORT must be a port number (1-65535), not "${process.env.PORT}"`);
  process.exit(2);
}
// Changes when npm installs into node_modules, goes away when `npm ci` empties it.
const installMarker = process.env.KH157_INSTALL_MARKER ?? join(root, "node_modules", ".package-lock.json");
const persist = persistTo ? ["--persist-to", resolve(persistTo)] : [];

function adminToken() {
  return devVar(
    "ADMIN_TOKEN",
    randomBytes(32).toString("base64url"),
    "start: .dev.vars created with a new ADMIN_TOKEN",
  );
}

const token = adminToken();
// Locally every request is one address for the failed sign-in limit (TRUST_CF_CONNECTING_IP
// "false" in .dev.vars), and the local D1 database and R2 uploads are readable by this user only
// (umask 077 for wrangler and workerd, no group or other permissions on what .wrangler/ holds).
distrustLocalClientAddress();
keepLocalStatePrivate();
if (persistTo) keepLocalStatePrivate(resolve(persistTo));
wranglerSync(["d1", "migrations", "apply", "DB", "--local", ...persist], { env: { CI: "true" } });

// detached: wrangler leads a process group of its own (workerd included), which Ctrl+C in this
// terminal does not reach: this process decides when and how it ends.
const dev = wranglerSpawn(["dev", "--port", String(PORT), "--show-interactive-dev-session=false", ...persist], {
  detached: true,
  stdio: ["ignore", "pipe", "pipe"],
});
for (const [from, to] of [
  [dev.stdout, process.stdout],
  [dev.stderr, process.stderr],
]) {
  to.on("error", () => {}); // a closed terminal must not crash the supervisor
  from.pipe(to);
}

/** Signals wrangler's whole process group; false when it is gone. */
function signalGroup(signal) {
  try {
    process.kill(-dev.pid, signal);
    return true;
  } catch {
    return false;
  }
}

let stopping = null;
let exitCode = 0;
const ended = new Promise((resolve) => dev.once("exit", (code, signal) => resolve({ code, signal })));

/** Ends wrangler and workerd (signal first, then SIGKILL after the grace period) and exits. */
function stop(signal, code, message) {
  if (stopping) return stopping;
  exitCode = code;
  if (message) console.error(message);
  stopping = (async () => {
    unwatchFile(installMarker);
    signalGroup(signal);
    let grace;
    const forced = new Promise((resolve) => {
      grace = setTimeout(() => resolve("forced"), STOP_GRACE_MS);
    });
    if ((await Promise.race([ended, forced])) === "forced") {
      console.error(`start: wrangler did not stop within ${STOP_GRACE_MS / 1000} s; killing it and workerd`);
      signalGroup("SIGKILL");
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS))]);
    }
    clearTimeout(grace);
    signalGroup("SIGKILL"); // anything left in the group, such as a workerd that outlived wrangler
    process.exit(exitCode);
  })();
  return stopping;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () =>
    stop(signal === "SIGHUP" ? "SIGTERM" : signal, 0, stopping ? undefined : "start: stopping the server…"),
  );
}
// If this process ends any other way (an exception), take the server down with it.
process.on("exit", () => signalGroup("SIGKILL"));

ended.then(({ code, signal }) => {
  if (stopping) return;
  stop("SIGTERM", code || 1, `start: wrangler dev ended (${signal ?? `exit ${code}`}); server stopped`);
});

// `npm ci` empties node_modules under the running server (and `npm install` rewrites it): stop
// cleanly instead of serving from half-replaced files.
if (existsSync(installMarker)) {
  const initial = statSync(installMarker);
  watchFile(installMarker, { interval: 1_000 }, (current) => {
    if (current.ino === initial.ino && current.mtimeMs === initial.mtimeMs && current.size === initial.size) return;
    stop(
      "SIGTERM",
      1,
      "start: node_modules changed (npm ci or npm install?): server stopped. Run npm start again once the install is done.",
    );
  });
}

async function waitForHealth(timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return false;
}

if (await waitForHealth()) {
  console.log(`
  Máy chủ đang chạy / Server running:   ${url}
  Kiểm tra / Health check:              ${url}/api/health
  Mã quản trị / Admin token (ADMIN_TOKEN, in .dev.vars):
    ${token}
  Dừng bằng Ctrl+C / Stop with Ctrl+C.
`);
} else if (!stopping) {
  stop("SIGTERM", 1, `start: no answer from ${url}/api/health; server stopped`);
}
