// A throwaway `wrangler dev` for the pane's browser test: quiet and offline (as scripts/wrangler.mjs),
// its own temp --persist-to (migrations applied first, which also seed the units), its own random
// ADMIN_TOKEN (--var; .dev.vars untouched), a free 127.0.0.1 port. Every wait is bounded and
// stop() ends wrangler's whole process group (wrangler and workerd) and removes the temp dir.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const wrangler = join(root, "node_modules/wrangler/bin/wrangler.js");
const HOST = "127.0.0.1";
const env = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  WRANGLER_HIDE_BANNER: "true",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_SEND_ERROR_REPORTS: "false",
  CI: "true", // no confirmation prompt from `d1 migrations apply`
  NO_COLOR: "1",
};

export interface LocalWorker {
  url: string;
  adminToken: string;
  log(): string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, HOST, () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function start(args: string[], lines: string[]): ChildProcess {
  const child = spawn(process.execPath, [wrangler, ...args], { cwd: root, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  for (const s of [child.stdout, child.stderr]) s?.on("data", (b: Buffer) => lines.push(...b.toString("utf8").split(/\r?\n/).filter(Boolean)));
  return child;
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (child.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

async function runToEnd(args: string[], lines: string[], ms: number): Promise<void> {
  const child = start(args, lines);
  if (!(await exited(child, ms))) {
    killGroup(child, "SIGKILL");
    throw new Error(`wrangler ${args.join(" ")} did not finish in ${ms / 1000} s\n${lines.slice(-20).join("\n")}`);
  }
  if (child.exitCode !== 0) throw new Error(`wrangler ${args.join(" ")} failed\n${lines.slice(-20).join("\n")}`);
}

export async function startLocalWorker(timeoutMs = 90_000): Promise<LocalWorker> {
  const deadline = Date.now() + timeoutMs;
  const dir = mkdtempSync(join(tmpdir(), "kh157-pane-"));
  const adminToken = randomBytes(24).toString("base64url");
  const lines: string[] = [];
  let child: ChildProcess | null = null;
  const onExit = () => child && killGroup(child, "SIGKILL");
  const stop = async () => {
    process.removeListener("exit", onExit);
    if (child) {
      killGroup(child, "SIGTERM");
      if (!(await exited(child, 5_000))) killGroup(child, "SIGKILL");
      killGroup(child, "SIGKILL"); // a workerd that outlived wrangler
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await runToEnd(["d1", "migrations", "apply", "DB", "--local", "--persist-to", dir], lines, timeoutMs);
    const port = await freePort();
    const url = `http://${HOST}:${port}`;
    process.once("exit", onExit);
    child = start(
      ["dev", "--ip", HOST, "--port", String(port), "--inspector-port", String(await freePort()), "--persist-to", dir,
        "--var", `ADMIN_TOKEN:${adminToken}`, "--show-interactive-dev-session=false", "--live-reload=false"],
      lines,
    );
    for (;;) {
      if (child.exitCode !== null) throw new Error(`wrangler dev exited\n${lines.slice(-20).join("\n")}`);
      if (Date.now() > deadline) throw new Error(`no answer from ${url}/api/health\n${lines.slice(-20).join("\n")}`);
      const ok = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
      if (ok) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    return { url, adminToken, log: () => lines.slice(-40).join("\n"), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
