// The local D1 database and R2 uploads hold every unit's figures: the scripts that start
// wrangler keep them readable by this user only (issue 12), whatever the caller's umask.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startLocalWorker } from "../scripts/local-worker.mjs";
import { keepLocalStatePrivate } from "../scripts/wrangler.mjs";
import { workbook, XLSX_TYPE } from "./pages/support/workbooks";

/** Every path under `dir` (itself included) whose mode lets group or other in, with that mode. */
function openToOthers(dir: string): string[] {
  const out: string[] = [];
  const walk = (path: string) => {
    const stat = lstatSync(path);
    if (stat.isSymbolicLink()) return;
    if (stat.mode & 0o077) out.push(`${path} ${(stat.mode & 0o777).toString(8)}`);
    if (stat.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
  };
  walk(dir);
  return out;
}

function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => e.name);
}

describe.skipIf(process.platform === "win32")("local state is private", () => {
  it("keepLocalStatePrivate (npm start, scripts/wrangler.mjs) takes group and other permissions off what .wrangler/ already holds", () => {
    const dir = mkdtempSync(join(tmpdir(), "kh157-state-"));
    const umask = process.umask();
    try {
      const state = join(dir, ".wrangler", "state", "v3", "d1");
      mkdirSync(state, { recursive: true, mode: 0o755 });
      writeFileSync(join(state, "db.sqlite"), "x", { mode: 0o644 });
      chmodSync(join(state, "db.sqlite"), 0o664);
      keepLocalStatePrivate(join(dir, ".wrangler"));
      expect(openToOthers(join(dir, ".wrangler"))).toEqual([]);
      expect(process.umask()).toBe(0o077); // what wrangler creates from now on is private too
    } finally {
      process.umask(umask);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it(
    "a freshly started local Worker keeps its D1 and R2 files from group and other, even under umask 022",
    { timeout: 150_000 },
    async () => {
      const umask = process.umask(0o022);
      const worker = await startLocalWorker({ inspector: false, logLevel: "warn", timeoutMs: 120_000 }).finally(() =>
        process.umask(umask),
      );
      try {
        const api = (path: string, init: RequestInit & { token: string }) =>
          fetch(`${worker.url}${path}`, {
            ...init,
            headers: { Authorization: `Bearer ${init.token}`, ...init.headers },
          });
        const issued = await api("/api/admin/tokens", {
          token: worker.adminToken,
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ role: "submitter", unit: "951" }),
        });
        expect(issued.status).toBe(201);
        const { token } = (await issued.json()) as { token: string };
        // Trần Đề closed with the district level (30/06/2025): its closing report needs the exception.
        const allowed = await api("/api/units/951/late-reports", {
          token: worker.adminToken,
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ template: "kh-157-2023", kind: "plan", until: "2099-12-31", reason: "báo cáo chốt" }),
        });
        expect(allowed.status, await allowed.clone().text()).toBe(201);
        const upload = await api("/api/submissions?template=kh-157-2023&unit=951&kind=plan", {
          token,
          method: "POST",
          headers: { "Content-Type": XLSX_TYPE, "X-File-Name": "tran-de.xlsx" },
          body: workbook(),
        });
        expect(upload.status, await upload.clone().text()).toBe(201);
        // The state holds the database and the uploaded file, and none of it is open to others.
        const names = files(worker.persistDir);
        expect(names.some((n) => n.endsWith(".sqlite"))).toBe(true);
        expect(names.length).toBeGreaterThan(2);
        expect(openToOthers(worker.persistDir)).toEqual([]);
      } finally {
        await worker.stop();
      }
    },
  );
});
