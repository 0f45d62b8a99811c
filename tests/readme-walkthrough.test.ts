// The README's curl walk-through runs as written, top to bottom (issue 15). The fenced sh/bash
// blocks of "Using the API (curl walk-through)" and "Workbooks: upload and exports (curl)" run in
// one bash with `set -euo pipefail` against a local Worker (scripts/local-worker.mjs: wrangler
// dev, its own D1 and R2), from a folder standing in for the repository folder the README says to
// run them in: its `.dev.vars` holds that Worker's admin token, as `npm start` writes it, and
// `docs/` is the repository's. `PORT` is the Worker's port, as for `PORT=… npm start`. Nothing of
// the README is changed: a marker line is printed between its commands, so each command's output
// can be checked against the `#  →` lines the README shows under it: every `"key":value` there
// (a string, number, true/false/null, [] or {}; … stands for any text), every `HTTP nnn`, or
// else the line itself.
import { spawn, spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type LocalWorker, startLocalWorker } from "../scripts/local-worker.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const README = readFileSync(join(root, "README.md"), "utf8");
const SECTIONS = ["## Using the API (curl walk-through)", "### Workbooks: upload and exports (curl)"];
/** Bound for the whole walk-through (a hang, not a duration: nothing asserts how long it takes). */
const RUN_BOUND = 300_000;

/** A section's text: from its heading line to the next heading of any level (outside code fences). */
function section(markdown: string, heading: string): string {
  const lines = markdown.split("\n");
  const start = lines.indexOf(heading);
  if (start < 0) return "";
  let fenced = false;
  let end = lines.length;
  for (let k = start + 1; k < lines.length; k++) {
    if (/^```/.test(lines[k])) fenced = !fenced;
    else if (!fenced && /^#{1,6} /.test(lines[k])) {
      end = k;
      break;
    }
  }
  return lines.slice(start + 1, end).join("\n");
}

/** The fenced sh/bash blocks of a text, in order. */
function blocks(text: string): string[] {
  return [...text.matchAll(/^```(?:sh|bash|shell)\n([\s\S]*?)^```$/gm)].map((m) => m[1]);
}

interface Step {
  /** The command as written (continuation lines and heredocs included). */
  command: string;
  /** The `#  →` lines under it, joined without their `#` (null when the README shows none). */
  expect: string | null;
}

/**
 * A block's commands: a line, with the lines it continues with a trailing `\` or a heredoc
 * (`<<'WORD'` … `WORD`). Comment lines starting `#  →` right under a command (and the `#` lines
 * indented further that follow them) are what the README shows it answers.
 */
function steps(block: string): Step[] {
  const lines = block.split("\n");
  const out: Step[] = [];
  for (let k = 0; k < lines.length; k++) {
    const line = lines[k];
    if (!line.trim()) continue;
    if (/^\s*#/.test(line)) {
      const last = out[out.length - 1];
      if (/^#\s+→/.test(line) && last && last.expect === null && lines[k - 1]?.trim() && !/^\s*#/.test(lines[k - 1])) {
        const shown = [line.replace(/^#\s+→\s*/, "")];
        while (k + 1 < lines.length && /^#\s{2,}[^\s→]/.test(lines[k + 1])) shown.push(lines[++k].replace(/^#\s+/, ""));
        last.expect = shown.join(" ");
      }
      continue;
    }
    const command = [line];
    const heredoc = /<<-?\s*'?"?([A-Za-z_][A-Za-z0-9_]*)'?"?/.exec(line)?.[1];
    if (heredoc) {
      while (k + 1 < lines.length && lines[k + 1] !== heredoc) command.push(lines[++k]);
      command.push(lines[++k] ?? "");
    }
    while (/\\$/.test(command[command.length - 1]) && k + 1 < lines.length) command.push(lines[++k]);
    out.push({ command: command.join("\n"), expect: null });
  }
  return out;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What the README shows for a command, as patterns its output must match. */
function expectations(shown: string): RegExp[] {
  const fragments = [
    ...shown.matchAll(/"[A-Za-z0-9_]+":(?:"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?|true|false|null|\[\]|\{\})(?=[,}\]\s]|$)/g),
  ].map((m) => m[0]);
  const statuses = [...shown.matchAll(/\bHTTP (\d{3})\b/g)].map((m) => m[1]);
  // Each pair whole: "version":1 does not match "version":12.
  const patterns = fragments.map((f) => new RegExp(`${escape(f).replace(/…/g, '[^"]*')}(?=[,}\\]\\s]|$)`));
  // The status is the last thing a command prints (curl -w '… HTTP %{http_code}\n').
  for (const status of statuses) patterns.push(new RegExp(`HTTP ${status}\\s*$`));
  if (!patterns.length) patterns.push(new RegExp(escape(shown.trim()).replace(/…/g, ".*?")));
  return patterns;
}

function walkthrough(): Step[] {
  return SECTIONS.flatMap((heading) => blocks(section(README, heading)).flatMap(steps));
}

const ci = !!process.env.CI && process.env.CI !== "false";
const tools = ["bash", "curl", "jq"].filter((t) => spawnSync("sh", ["-c", `command -v ${t}`]).status !== 0);
const skip = tools.length > 0 && !ci;
if (skip)
  console.warn(
    `readme-walkthrough.test: ${tools.join(", ")} not found (apt-get install ${tools.join(" ")}): walk-through skipped`,
  );

describe("README walk-through, as parsed", () => {
  it("has both walk-through sections, each with a bash block, commands and answers to check", () => {
    for (const heading of SECTIONS) {
      expect(section(README, heading), heading).not.toBe("");
      expect(blocks(section(README, heading)).length, heading).toBeGreaterThan(0);
    }
    const all = walkthrough();
    expect(all.length).toBeGreaterThan(20);
    expect(all.filter((s) => s.expect).length).toBeGreaterThan(15);
    // Heredocs and continuation lines stay within their command.
    expect(all.find((s) => s.command.startsWith("cat > sub.json"))?.command).toMatch(/\nJSON$/);
    expect(all.every((s) => !/^\s*#/.test(s.command))).toBe(true);
  });

  it("the set-up's apt-get line names exactly the system packages .ci/run installs", () => {
    const setup = section(README, "## Set-up on a fresh machine (Node 20)");
    const line = /apt-get install ([^\n]*)/.exec(setup.replace(/\\\n\s*/g, " "))?.[1] ?? "";
    const listed = line.trim().split(/\s+/).sort();
    const ciRun = readFileSync(join(root, ".ci/run"), "utf8");
    const installed = [
      ...(/APT_PACKAGES=\(\n([\s\S]*?)\n\)/.exec(ciRun)?.[1] ?? "").matchAll(/^\s*([a-z0-9][a-z0-9.+-]*)/gm),
    ]
      .map((m) => m[1])
      .sort();
    expect(installed.length).toBeGreaterThan(5);
    expect(listed).toEqual(installed);
  });

  it("reads what the README shows: key/value pairs with … as any text, the HTTP status, or the line", () => {
    const [fragment, wildcard, version, status, ...more] = expectations(
      '{"code":"TOO_MANY_DECIMALS","sha256":"b19d…","version":1} HTTP 422',
    );
    expect(more).toEqual([]);
    expect(fragment.test('{"valid":false,"code":"TOO_MANY_DECIMALS"}')).toBe(true);
    expect(version.test('{"version":1,"id":"x"}')).toBe(true);
    expect(version.test('{"version":12}')).toBe(false);
    expect(wildcard.test('"sha256":"b19d7131ea"')).toBe(true);
    expect(wildcard.test('"sha256":"a19d7131ea"')).toBe(false);
    expect(status.test("{…} HTTP 422\n")).toBe(true);
    expect(expectations('{"warningList":[]}')[0].test('{"warningList":[{"code":"X"}]}')).toBe(false);
    expect(status.test("{…} HTTP 200\n")).toBe(false);
    expect(
      expectations("goc.xlsx: the bytes that were uploaded")[0].test("goc.xlsx: the bytes that were uploaded\n"),
    ).toBe(true);
  });
});

describe.skipIf(skip)(
  `README walk-through runs as written${tools.length ? ` (missing: ${tools.join(", ")})` : ""}`,
  { timeout: RUN_BOUND + 180_000 },
  () => {
    let worker: LocalWorker;
    let dir: string;

    beforeAll(async () => {
      expect(tools, "the walk-through needs these programs (CI installs them in .ci/run)").toEqual([]);
      worker = await startLocalWorker({ timeoutMs: 150_000, logLevel: "warn" });
      dir = mkdtempSync(join(tmpdir(), "kh157-readme-"));
    }, 180_000);

    afterAll(async () => {
      await worker?.stop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it("every command succeeds and answers what the README shows under it", async () => {
      const all = walkthrough();
      // The repository folder as the walk-through reads it: .dev.vars (as npm start writes it,
      // with this Worker's token) and docs/ (the samples).
      const repo = join(dir, "repo");
      const temp = join(dir, "tmp");
      mkdirSync(repo);
      mkdirSync(temp);
      writeFileSync(join(repo, ".dev.vars"), `ADMIN_TOKEN="${worker.adminToken}"\nTRUST_CF_CONNECTING_IP="false"\n`, {
        mode: 0o600,
      });
      symlinkSync(join(root, "docs"), join(repo, "docs"));
      const script = [
        "set -euo pipefail",
        ...all.flatMap((s, k) => [`printf '\\n@@step ${k}\\n'`, s.command]),
        `printf '\\n@@vars\\n'`,
        ...["T951", "LEAD", "REV", "ID", "UP"].map((v) => `printf '${v}=%s\\n' "\${${v}-}"`),
        `printf 'SCRATCH=%s\\n' "$PWD"`,
      ].join("\n");
      writeFileSync(join(dir, "walkthrough.sh"), `${script}\n`);

      const port = new URL(worker.url).port;
      const env = {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        HOME: dir,
        TMPDIR: temp,
        PORT: port,
        LANG: "C.UTF-8",
        LC_ALL: "C.UTF-8",
      };
      const run = await new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn("bash", ["--noprofile", "--norc", join(dir, "walkthrough.sh")], {
          cwd: repo,
          env,
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        child.stdout.on("data", (d: Buffer) => (out += d.toString()));
        child.stderr.on("data", (d: Buffer) => (out += d.toString()));
        const bound = setTimeout(() => child.kill("SIGKILL"), RUN_BOUND);
        child.on("close", (code) => {
          clearTimeout(bound);
          resolve({ code, out });
        });
      });

      // Output per step: what follows its marker up to the next one.
      const parts = run.out.split(/\n@@(step \d+|vars)\n/);
      const outputs = new Map<string, string>();
      for (let k = 1; k < parts.length; k += 2) outputs.set(parts[k], parts[k + 1] ?? "");
      const reached = [...outputs.keys()].filter((key) => key.startsWith("step ")).length;
      const failedAt = all[reached - 1];
      const context = `\n--- the walk-through stopped in or after:\n${failedAt?.command}\n--- its output:\n${run.out}\n--- Worker log:\n${worker.log().slice(-30).join("\n")}`;
      expect(run.code, `bash exited ${run.code}${context}`).toBe(0);
      expect(outputs.has("vars"), context).toBe(true);

      let checked = 0;
      all.forEach((s, k) => {
        if (!s.expect) return;
        const output = outputs.get(`step ${k}`) ?? "";
        for (const pattern of expectations(s.expect)) {
          expect
            .soft(output, `README: ${s.command}\n  shows: ${s.expect}\n  does not match ${pattern}`)
            .toMatch(pattern);
          checked++;
        }
      });
      expect(checked).toBeGreaterThan(40);

      // Tokens kept by jq, ids of the stored versions, and the scratch folder under TMPDIR.
      const vars = Object.fromEntries(
        (outputs.get("vars") ?? "")
          .trim()
          .split("\n")
          .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)]),
      );
      for (const token of ["T951", "LEAD", "REV"]) expect(vars[token], token).toMatch(/^kh157_[A-Za-z0-9_-]{20,}$/);
      for (const id of ["ID", "UP"]) expect(vars[id], id).toMatch(/^[0-9a-f-]{36}$/);
      expect(vars.SCRATCH.startsWith(temp), vars.SCRATCH).toBe(true);
      // Nothing was written to the repository folder; the downloads are workbooks.
      expect(readdirSync(repo).sort()).toEqual([".dev.vars", "docs"]);
      const scratch = vars.SCRATCH;
      for (const file of ["mau-trong.xlsx", "ban.xlsx", "tong.xlsx", "goc.xlsx"]) {
        expect(existsSync(join(scratch, file)), file).toBe(true);
        expect(readFileSync(join(scratch, file)).subarray(0, 4).toString("latin1"), file).toBe("PK\x03\x04");
      }
      expect(
        readFileSync(join(scratch, "goc.xlsx")).equals(readFileSync(join(root, "docs/samples/tran-de.xlsx"))),
      ).toBe(true);
    });
  },
);
