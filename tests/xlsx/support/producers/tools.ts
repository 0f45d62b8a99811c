// The programs the producers run, found on this machine. A missing one skips its producer's
// tests with a message locally, and fails them on CI (CI=true), where .ci/run installs them all.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const ON_CI = process.env.CI === "true" || process.env.CI === "1";

export function onPath(name: string): string | null {
  for (const dir of (process.env.PATH ?? "").split(":")) {
    const path = join(dir, name);
    if (dir && existsSync(path)) return path;
  }
  return null;
}

/**
 * A Python 3 that can import `module`. Debian's /usr/bin/python3 first: that is where
 * python3-openpyxl and python3-xlsxwriter install, and a python3 earlier on PATH (pyenv,
 * a virtualenv) may lack them.
 */
export function pythonWith(module: string): string | null {
  for (const python of ["/usr/bin/python3", onPath("python3")]) {
    if (!python || !existsSync(python)) continue;
    try {
      execFileSync(python, ["-c", `import ${module}`], { stdio: "ignore", timeout: 30_000 });
      return python;
    } catch {
      // not importable with this interpreter
    }
  }
  return null;
}

const warned = new Set<string>();

/** True when `found`; on CI a missing program is an error, locally a skip with one warning. */
export function required(found: unknown, what: string, install: string): boolean {
  if (found) return true;
  if (ON_CI) throw new Error(`CI is set but ${what} was not found: ${install}`);
  if (!warned.has(what))
    console.warn(`tests/xlsx/producers: ${what} not found, skipping its producer tests (${install})`);
  warned.add(what);
  return false;
}

/** Runs a program to completion; rejects with its stderr when it fails. */
export function run(file: string, args: string[], timeout = 120_000): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${file} ${args.join(" ")}: ${err.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}
