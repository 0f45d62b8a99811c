// `npm start` (scripts/start.mjs) stops cleanly whatever happens to its server (issue 15): on
// Ctrl+C, when wrangler hangs, when wrangler dies, when node_modules is replaced under it. Each
// case starts the real script (migrations, wrangler dev, workerd) on a free port with its own
// data dir (--persist-to), then checks that the script exited, that every process it started is
// gone and that the port is free. Only events and conditions are awaited (generous bounds), no
// durations.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const START_BOUND = 240_000;
const STOP_BOUND = 60_000;

interface Proc {
  pid: number;
  ppid: number;
  state: string;
  start: string;
  cmd: string;
}

/** Every process now, from /proc (Linux). */
function processes(): Map<number, Proc> {
  const out = new Map<number, Proc>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      // pid (comm) state ppid … starttime (field 22): comm may hold spaces and parentheses.
      const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ").trim();
      out.set(Number(name), { pid: Number(name), state: rest[0], ppid: Number(rest[1]), start: rest[19], cmd });
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

/** `pid` and everything below it. */
function tree(pid: number): Proc[] {
  const all = processes();
  const found: Proc[] = [];
  const walk = (p: number) => {
    const self = all.get(p);
    if (self) found.push(self);
    for (const child of all.values()) if (child.ppid === p) walk(child.pid);
  };
  walk(pid);
  return found;
}

/**
 * Whether a recorded process still runs (a zombie waiting for its reaper does not; a reused pid is another process).
 */
function running(p: Proc): boolean {
  const now = processes().get(p.pid);
  return !!now && now.start === p.start && now.state !== "Z";
}

async function until<T>(what: string, check: () => T | undefined | false, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ port, host: "127.0.0.1" });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/**
 * A free port below Linux's ephemeral range (32768–60999), where the OS never hands out the ports
 * the other tests' Workers get (freePort asks for port 0): once npm start has stopped, no other
 * test can be listening on this one, so "the port is free again" really is about npm start.
 */
async function portOutsideEphemeral(): Promise<number> {
  for (;;) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await canListen(port)) return port;
  }
}

interface Started {
  child: ChildProcess;
  port: number;
  output: () => string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Everything it runs: this script, wrangler, workerd… */
  processes: Proc[];
  wrangler: Proc;
}

// npm start creates .dev.vars (ADMIN_TOKEN) when there is none: leave the checkout as found.
const devVars = join(root, ".dev.vars");
const hadDevVars = existsSync(devVars);
afterAll(() => {
  if (!hadDevVars) rmSync(devVars, { force: true });
});

const temps: string[] = [];
const launched: { child: ChildProcess; seen: Proc[] }[] = [];

afterEach(() => {
  // A failed case must not leave a server behind.
  for (const { child, seen } of launched.splice(0)) {
    for (const p of [...seen, ...(child.pid ? tree(child.pid) : [])].filter(running)) {
      try {
        process.kill(p.pid, "SIGKILL");
      } catch {
        // gone
      }
    }
  }
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startScript(env: Record<string, string> = {}): Promise<Started> {
  const dir = mkdtempSync(join(tmpdir(), "kh157-start-"));
  temps.push(dir);
  const port = await portOutsideEphemeral();
  const child = spawn(process.execPath, ["scripts/start.mjs", "--persist-to", join(dir, "state")], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      WRANGLER_LOG_PATH: join(dir, "logs"),
      FORCE_COLOR: "0",
      NO_COLOR: "1",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const launch = { child, seen: [] as Proc[] };
  launched.push(launch);
  let text = "";
  child.stdout?.on("data", (d: Buffer) => (text += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  let gone = false;
  void exited.then(() => (gone = true));
  await until(
    `npm start to print its address\n${text}`,
    () => gone || text.includes(`Server running:   http://localhost:${port}`),
    START_BOUND,
  );
  expect(gone, text).toBe(false);
  // The server answers, and runs as wrangler with workerd below this script.
  expect(await portAnswers(port)).toBe(true);
  const processes = await until(
    "workerd under npm start",
    () => {
      const found = tree(child.pid!);
      return found.some((p) => /\bworkerd\b/.test(p.cmd)) && found;
    },
    STOP_BOUND,
  );
  launch.seen = processes;
  const wrangler = processes.find((p) => p.ppid === child.pid && /wrangler/.test(p.cmd));
  expect(wrangler, processes.map((p) => p.cmd).join("\n")).toBeDefined();
  return { child, port, output: () => text, exited, processes, wrangler: wrangler! };
}

async function expectAllGone(started: Started): Promise<void> {
  const left = await until(
    "every process of npm start to end",
    () => {
      const still = started.processes.filter(running);
      return still.length === 0 ? [] : false;
    },
    STOP_BOUND,
  ).catch(() => started.processes.filter(running));
  expect(
    left.map((p) => `${p.pid} ${p.cmd}`),
    started.output(),
  ).toEqual([]);
  expect(await portAnswers(started.port)).toBe(false);
  expect(await canListen(started.port)).toBe(true);
}

const linux = process.platform === "linux" && existsSync("/proc/self/stat");
if (!linux) console.warn("start.test: needs Linux /proc to follow the process tree; skipped");

describe.skipIf(!linux)(
  "npm start stops cleanly (scripts/start.mjs)",
  { timeout: START_BOUND + 2 * STOP_BOUND },
  () => {
    it("Ctrl+C (SIGINT) ends wrangler and workerd, exits 0 and frees the port", async () => {
      const started = await startScript();
      started.child.kill("SIGINT");
      const { code } = await started.exited;
      expect(code, started.output()).toBe(0);
      await expectAllGone(started);
    });

    it("a hung wrangler (stopped, ignoring signals) is killed with its workerd after the grace period", async () => {
      const started = await startScript();
      process.kill(started.wrangler.pid, "SIGSTOP");
      started.child.kill("SIGINT");
      const { code } = await started.exited;
      expect(code, started.output()).toBe(0);
      expect(started.output()).toContain("did not stop");
      await expectAllGone(started);
    });

    it("when wrangler dies, npm start kills what is left (workerd) and exits with an error", async () => {
      const started = await startScript();
      process.kill(started.wrangler.pid, "SIGKILL");
      const { code } = await started.exited;
      expect(code, started.output()).not.toBe(0);
      expect(started.output()).toContain("wrangler dev ended");
      await expectAllGone(started);
    });

    it("when npm ci or npm install changes node_modules, the server stops with a message", async () => {
      const dir = mkdtempSync(join(tmpdir(), "kh157-marker-"));
      temps.push(dir);
      const marker = join(dir, ".package-lock.json");
      writeFileSync(marker, "{}\n");
      const started = await startScript({ KH157_INSTALL_MARKER: marker });
      rmSync(marker); // what `npm ci` does first: node_modules emptied
      const { code } = await started.exited;
      expect(code, started.output()).toBe(1);
      expect(started.output()).toContain("node_modules changed");
      await expectAllGone(started);
    });
  },
);
