// Runs the pinned wrangler quietly and offline: no metrics, banner, error reports or cf fetch.
// Usage: node scripts/wrangler.mjs <wrangler args...>
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("..", import.meta.url));
const bin = fileURLToPath(new URL("../node_modules/wrangler/bin/wrangler.js", import.meta.url));

export const quietEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
};

/** Takes group and other permissions off `path` and everything below it (symbolic links are left alone). */
export function chmodPrivateTree(path) {
  if (process.platform === "win32" || !existsSync(path)) return;
  const stat = lstatSync(path);
  if (stat.isSymbolicLink()) return;
  if (stat.mode & 0o077) chmodSync(path, stat.mode & 0o7700);
  if (stat.isDirectory()) for (const name of readdirSync(path)) chmodPrivateTree(join(path, name));
}

/**
 * The local D1 database and R2 uploads (`.wrangler/state`) hold every unit's figures: only this
 * user may read them. Sets this process's umask to 077, so what wrangler and workerd create from
 * now on (they inherit it) is private, and makes what is already in `dir` private too.
 */
export function keepLocalStatePrivate(dir = join(root, ".wrangler")) {
  try {
    process.umask(0o077);
  } catch {
    // a worker thread cannot set the umask; the directory below is private all the same
  }
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodPrivateTree(dir);
}

const devVars = join(root, ".dev.vars");

/**
 * Adds `NAME="value"` to .dev.vars (local overrides of [vars] and secrets) unless NAME is there; answers the value in
 * force.
 */
export function devVar(name, value, note) {
  const existing = existsSync(devVars) ? readFileSync(devVars, "utf8") : "";
  const found = existing.match(new RegExp(`^${name}\\s*=\\s*"?([^"\\r\\n]+)"?\\s*$`, "m"));
  if (found) return found[1];
  const prefix = existing && !existing.endsWith("\n") ? `${existing}\n` : existing;
  writeFileSync(devVars, `${prefix}${name}="${value}"\n`, { mode: 0o600 });
  if (note) console.log(note);
  return value;
}

/**
 * Locally any client can send CF-Connecting-IP (wrangler dev fills it in only when absent), so
 * the failed sign-in limit must count every local request as one address: .dev.vars overrides
 * wrangler.toml's deployed TRUST_CF_CONNECTING_IP = "true" for every local `wrangler dev`
 * started here (`npm start`, `npm run start:excel`) and for a bare `wrangler dev` afterwards.
 */
export function distrustLocalClientAddress() {
  devVar("TRUST_CF_CONNECTING_IP", "false");
}

/** wrangler commands that create or use the local D1/R2 state. */
function usesLocalState(args) {
  return args[0] === "dev" || args.includes("--local");
}

/** Runs wrangler to completion; throws when it fails. */
export function wranglerSync(args, { env, ...options } = {}) {
  if (usesLocalState(args)) keepLocalStatePrivate();
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    stdio: "inherit",
    ...options,
    env: { ...quietEnv, ...env },
  });
  if (result.status !== 0) throw new Error(`wrangler ${args.join(" ")} failed (exit ${result.status})`);
  return result;
}

/** Starts wrangler and returns the child process (for `wrangler dev`). */
export function wranglerSpawn(args, { env, ...options } = {}) {
  if (usesLocalState(args)) keepLocalStatePrivate();
  if (args[0] === "dev") distrustLocalClientAddress();
  return spawn(process.execPath, [bin, ...args], {
    cwd: root,
    stdio: "inherit",
    ...options,
    env: { ...quietEnv, ...env },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const child = wranglerSpawn(process.argv.slice(2));
  child.on("exit", (code, signal) => process.exit(signal ? 1 : (code ?? 1)));
}
