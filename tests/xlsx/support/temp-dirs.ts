// Work directories for a test file's generated workbooks, removed when the file is done.
import { rmSync } from "node:fs";
import { afterAll } from "vitest";
import { workDir } from "./soffice";

/** A work-directory maker for one test file; every directory it made is removed after the file. */
export function tempDirs(): (name: string) => string {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  return (name) => {
    const d = workDir(name);
    dirs.push(d);
    return d;
  };
}
