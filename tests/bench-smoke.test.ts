// `npm run bench -- --smoke` keeps running: every row of the table is there and carries a
// figure. Never a timing assertion (budgets are judged by the full run, see BENCH.md).
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HOST_PROFILES } from "../addin/excel/host-profiles";

const root = fileURLToPath(new URL("..", import.meta.url));
const ROWS = [
  "D1",
  "D2",
  "D3",
  "D4",
  "D5",
  // Consolidation with nested rows (issue 16).
  "N1",
  "N2",
  "F1",
  "F2",
  "F3",
  "H1",
  "H2",
  "H3",
  "H4",
  "H5",
  "H6",
  "H7",
  "H8",
  "H9",
  "H10",
  "H11",
  "H12",
  "H13",
  "C1",
  "C2",
  "C3",
  "C4",
  "C5",
  "B1",
  "B2",
  "B3",
  // Hostile inputs: the largest legitimate workbook, eleven kinds of bomb, health while they run.
  ...Array.from({ length: 14 }, (_, k) => `X${k + 1}`),
  // D1 round trips per route, counted, and their latency at 30 ms a round trip (issue 18, decision 0023).
  ...Array.from({ length: 9 }, (_, k) => `T${k + 1}`),
  ...Array.from({ length: 4 }, (_, k) => `L${k + 1}`),
  // Reading at the speed of the bytes (issue 18).
  ...Array.from({ length: 11 }, (_, k) => `R${k + 1}`),
  // The add-in's round trips on every host profile of the support matrix.
  ...HOST_PROFILES.flatMap((p) => ["A1", "A2", "A3"].map((a) => `${a}.${p.id}`)),
];
/** Rows that may honestly say "n/a": the pane's bundle may not have been built in a checkout. */
// SheetJS (@e965/xlsx) is not a dependency: its reading rows say n/a unless it is installed.
const MAY_BE_NA = new Set(["B2", "R3", "R6", "R9"]);

function runSmoke(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["scripts/bench/run.mjs", "--smoke"], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true,
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    // run.mjs has its own watchdog; this one only guards against it failing.
    const timer = setTimeout(() => process.kill(-child.pid!, "SIGKILL"), 170_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe("npm run bench -- --smoke", () => {
  it(
    "prints the machine, the command and every row with a parseable figure, budget and verdict",
    { timeout: 180_000 },
    async () => {
      const { code, stdout, stderr } = await runSmoke();
      const context = `${stdout}\n--- stderr ---\n${stderr.slice(-4000)}`;
      expect(stdout, context).toMatch(/^Machine: .+ cores?, .+ Node v\d+/m);
      expect(stdout, context).toMatch(/^Command: npm run bench -- --smoke$/m);

      const rows = new Map<string, string[]>();
      for (const line of stdout.split("\n")) {
        const cells = line
          .split("|")
          .slice(1, -1)
          .map((c) => c.trim());
        if (cells.length === 6 && /^[A-Z]\d+(\.[a-z0-9-]+)?$/.test(cells[0])) rows.set(cells[0], cells);
      }
      expect([...rows.keys()].sort(), context).toEqual([...ROWS].sort());

      for (const id of ROWS) {
        const [, measure, figure, budget, ratio, verdict] = rows.get(id)!;
        expect(measure, `${id}: measure`).not.toBe("");
        expect(budget, `${id}: budget`).not.toBe("");
        expect(["ok", "MISSED", "info", "n/a"], `${id}: verdict "${verdict}" (${figure})`).toContain(verdict);
        if (verdict === "n/a") {
          expect(MAY_BE_NA.has(id), `${id} must be measured, got ${figure}`).toBe(true);
          continue;
        }
        expect(Number.isFinite(Number.parseFloat(figure)), `${id}: figure "${figure}" starts with a number`).toBe(true);
        if (ratio !== "—") expect(Number.isFinite(Number.parseFloat(ratio)), `${id}: ratio "${ratio}"`).toBe(true);
      }
      expect(code, context).toBe(0);
    },
  );
});
