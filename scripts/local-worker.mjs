// A throwaway local Worker for benchmarks and browser tests. Everything it owns lives in one temp
// dir: a copy of wrangler.toml with absolute paths, a .dev.vars with its own random ADMIN_TOKEN
// (the developer's .dev.vars is neither read nor touched), a snapshot of the built assets (so a
// pane rebuild elsewhere cannot restart it mid-run), the D1/R2 state, wrangler's debug log.
// Migrations applied, `wrangler dev` on a free 127.0.0.1 port, quiet and offline. Every step is
// bounded; stop() ends the whole process group (wrangler and its workerd processes) and removes
// the temp dir.
//
//   import { startLocalWorker } from "./scripts/local-worker.mjs";
//   const worker = await startLocalWorker();
//   try { await fetch(`${worker.url}/api/health`); } finally { await worker.stop(); }
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { isAbsolute, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const wranglerBin = join(root, "node_modules/wrangler/bin/wrangler.js");
const HOST = "127.0.0.1";

function quietEnv(extra = {}) {
  return {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    WRANGLER_HIDE_BANNER: "true",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
    WRANGLER_SEND_ERROR_REPORTS: "false",
    // No prompts (migrations ask for confirmation in a terminal), no colours in the captured log.
    CI: "true",
    FORCE_COLOR: "0",
    NO_COLOR: "1",
    ...extra,
  };
}

/**
 * Spawns with umask 077, so the D1 database and R2 files wrangler and workerd create are
 * readable by this user only (whatever the umask of the calling process, even in a worker
 * thread, which cannot change it).
 */
function spawnPrivate(command, args, options) {
  if (process.platform === "win32") return spawn(command, args, options);
  return spawn("/bin/sh", ["-c", 'umask 077 && exec "$0" "$@"', command, ...args], options);
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The last lines a child printed, for error messages. */
function tail(lines, max = 40) {
  return lines.slice(-max).join("\n");
}

function capture(child, lines, echo) {
  for (const stream of [child.stdout, child.stderr]) {
    stream?.setEncoding("utf8");
    stream?.on("data", (chunk) => {
      for (const line of chunk.split(/\r?\n/)) {
        if (!line.trim()) continue;
        lines.push(line);
        if (lines.length > 400) lines.splice(0, lines.length - 400);
        if (echo) echo(line);
      }
    });
  }
}

/** Signals the child's whole process group (detached: the child leads it), e.g. wrangler and workerd. */
function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // the group is gone already
  }
}

function exited(child, ms) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Runs a Node script to completion within `timeoutMs`; resolves its output lines, rejects with them when it fails. */
function runNode(args, { timeoutMs, echo, env, what }) {
  return new Promise((resolve, reject) => {
    const lines = [];
    const child = spawnPrivate(process.execPath, args, {
      cwd: root,
      env: env ?? quietEnv(),
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
    });
    capture(child, lines, echo);
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      reject(new Error(`${what} did not finish in ${timeoutMs / 1000} s\n${tail(lines)}`));
    }, timeoutMs);
    child.on("error", (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(lines);
      else reject(new Error(`${what} failed (${signal ?? `exit ${code}`})\n${tail(lines)}`));
    });
  });
}

/**
 * Runs the pinned wrangler quietly to completion within `timeoutMs`; resolves its output lines, rejects with them when
 * it fails.
 */
export function wranglerRun(args, { timeoutMs = 60_000, echo, env } = {}) {
  return runNode([wranglerBin, ...args], { timeoutMs, echo, env: quietEnv(env), what: `wrangler ${args.join(" ")}` });
}

/**
 * wrangler refuses to start when wrangler.toml's [assets] directory is missing (a fresh clone):
 * build the task pane into it with scripts/build-pane.mjs, or create it empty when there is no
 * pane build. Does nothing when the directory exists, so it never races a running server.
 */
export async function ensureAssetsDir({ timeoutMs = 60_000 } = {}) {
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const dir = /^\[assets\][^[]*?^\s*directory\s*=\s*"([^"]+)"/m.exec(toml)?.[1];
  if (!dir || existsSync(join(root, dir))) return;
  const script = join(root, "scripts/build-pane.mjs");
  if (existsSync(script)) await runNode([script, "--quiet"], { timeoutMs, what: "scripts/build-pane.mjs" });
  mkdirSync(join(root, dir), { recursive: true });
}

/**
 * wrangler.toml copied into `dir` with its paths made absolute and the [assets] directory
 * replaced by a snapshot copy; a .dev.vars beside it holds ADMIN_TOKEN. Returns the config path.
 */
function prepareConfig(dir, adminToken) {
  let toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  toml = toml.replace(/^(\s*(?:main|migrations_dir|directory)\s*=\s*")([^"]+)(")/gm, (_, open, path, close) => {
    if (isAbsolute(path)) return `${open}${path}${close}`;
    const absolute = join(root, path);
    if (!/^\s*directory\b/.test(open)) return `${open}${absolute}${close}`;
    const copy = join(dir, "assets");
    cpSync(absolute, copy, { recursive: true });
    return `${open}${copy}${close}`;
  });
  const config = join(dir, "wrangler.toml");
  writeFileSync(config, toml);
  // Locally any client can send CF-Connecting-IP: every request counts as one address (see
  // worker/auth/rate-limit.ts), as with `npm start`.
  writeFileSync(join(dir, ".dev.vars"), `ADMIN_TOKEN="${adminToken}"\nTRUST_CF_CONNECTING_IP="false"\n`, {
    mode: 0o600,
  });
  return config;
}

async function waitForHealth(url, child, lines, deadline) {
  let last = "no answer";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `the local Worker exited (${child.signalCode ?? `exit ${child.exitCode}`}) before ${url}/api/health answered\n${tail(lines)}`,
      );
    }
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = err?.cause?.code ?? err?.name ?? String(err);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${url}/api/health did not answer in time (last: ${last})\n${tail(lines)}`);
}

/**
 * Starts the Worker locally. Options:
 *  - `port` (default: a free one); `persistDir` (default: a fresh temp dir, removed by stop(); a
 *    given dir is kept); `timeoutMs` for the whole start (default 90 s);
 *  - `logLevel` for wrangler (default "info": a line per request); `echo(line)` to see its output;
 *  - `inspector` (default true): `wrangler dev` as `npm start` runs it. `false` serves the same
 *    Worker, config and bindings through wrangler's startWorker API with the DevTools inspector
 *    off (scripts/local-worker-server.mjs): wrangler dev always attaches the inspector with
 *    Network events on, which costs every D1 query a round trip into Node (see BENCH.md).
 * Resolves `{ url, adminToken, persistDir, log(), stop() }`.
 */
export async function startLocalWorker({
  port,
  persistDir,
  timeoutMs = 90_000,
  logLevel = "info",
  inspector = true,
  echo,
} = {}) {
  const deadline = Date.now() + timeoutMs;
  const left = () => Math.max(1_000, deadline - Date.now());
  const temp = mkdtempSync(join(tmpdir(), "kh157-worker-"));
  const persist = persistDir ?? join(temp, "state");
  // Every unit's figures live there: this user only (the files inside: spawnPrivate).
  mkdirSync(persist, { recursive: true, mode: 0o700 });
  if (process.platform !== "win32") chmodSync(persist, 0o700);
  const adminToken = randomBytes(32).toString("base64url");
  // wrangler appends every message, debug ones included, to a log file: keep it out of ~/.config.
  const env = quietEnv({ WRANGLER_LOG_PATH: join(temp, "logs") });
  const cleanTemp = () => rmSync(temp, { recursive: true, force: true });

  let config;
  try {
    await ensureAssetsDir({ timeoutMs: left() });
    config = prepareConfig(temp, adminToken);
    await wranglerRun(["d1", "migrations", "apply", "DB", "--local", "--config", config, "--persist-to", persist], {
      timeoutMs: left(),
      echo,
      env,
    });
  } catch (err) {
    cleanTemp();
    throw err;
  }

  const listen = port ?? (await freePort());
  const url = `http://${HOST}:${listen}`;
  const lines = [];
  const args = inspector
    ? [
        wranglerBin,
        "dev",
        "--config",
        config,
        "--port",
        String(listen),
        "--ip",
        HOST,
        "--inspector-port",
        String(await freePort()),
        "--persist-to",
        persist,
        "--show-interactive-dev-session=false",
        "--live-reload=false",
        "--log-level",
        logLevel,
      ]
    : [join(root, "scripts/local-worker-server.mjs")];
  const serverEnv = inspector
    ? env
    : {
        ...env,
        KH157_CONFIG: config,
        KH157_PORT: String(listen),
        KH157_HOST: HOST,
        KH157_PERSIST: persist,
        KH157_LOG_LEVEL: logLevel,
      };
  const child = spawnPrivate(process.execPath, args, {
    cwd: temp,
    env: serverEnv,
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  capture(child, lines, echo);
  // If this process ends without stop(), take the server down with it.
  const onExit = () => killGroup(child, "SIGKILL");
  process.once("exit", onExit);

  let stopped = null;
  async function stop() {
    stopped ??= (async () => {
      process.removeListener("exit", onExit);
      killGroup(child, "SIGTERM");
      if (!(await exited(child, 5_000))) {
        killGroup(child, "SIGKILL");
        await exited(child, 5_000);
      }
      killGroup(child, "SIGKILL"); // anything left in the group, such as a workerd that outlived wrangler
      cleanTemp();
    })();
    return stopped;
  }

  try {
    await waitForHealth(url, child, lines, deadline);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, adminToken, persistDir: persist, log: () => [...lines], stop };
}
