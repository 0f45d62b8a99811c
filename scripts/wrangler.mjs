// Runs the pinned wrangler quietly and offline: no metrics, banner, error reports or cf fetch.
// Usage: node scripts/wrangler.mjs <wrangler args...>
import { spawn, spawnSync } from "node:child_process";
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

/** Runs wrangler to completion; throws when it fails. */
export function wranglerSync(args, { env, ...options } = {}) {
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
