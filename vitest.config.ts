import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

/** wrangler.toml serves dist/public as assets and refuses a missing directory: build the pane first. */
function buildPane(): void {
  const script = fileURLToPath(new URL("./scripts/build-pane.mjs", import.meta.url));
  const built = spawnSync(process.execPath, [script, "--quiet"], { stdio: "inherit" });
  if (built.status !== 0) throw new Error("npm run build:pane failed");
}

// Four projects: pure code in Node, the Worker inside workerd with local D1 and R2 (no mocks),
// the add-in (its Excel adapter in Node, its task pane in Chromium against wrangler dev), and
// the web pages in Chromium against wrangler dev (their in-process tests run with the Worker's).
export default defineConfig(async () => {
  buildPane();
  const migrations = await readD1Migrations("./worker/migrations");
  return {
    test: {
      // In CI a JSON report lets .ci/run print one plain "N passed, N failed" closing line.
      reporters: process.env.CI ? ["default", "json"] : ["default"],
      outputFile: { json: "tests/artifacts/vitest.json" },
      projects: [
        {
          test: {
            name: "domain",
            environment: "node",
            include: ["domain/**/*.test.ts", "tests/domain/**/*.test.ts", "tests/xlsx/**/*.test.ts", "tests/*.test.ts"],
          },
        },
        {
          plugins: [
            cloudflareTest({
              wrangler: { configPath: "./wrangler.toml" },
              miniflare: {
                bindings: { TEST_MIGRATIONS: migrations, ADMIN_TOKEN: "test-admin-token" },
              },
            }),
          ],
          test: {
            name: "worker",
            include: ["tests/worker/**/*.test.ts", "tests/pages/workerd/**/*.test.ts"],
            setupFiles: ["./tests/worker/apply-migrations.ts"],
            globalSetup: ["./tests/worker/global-setup.ts"],
          },
        },
        {
          test: {
            name: "addin",
            environment: "node",
            include: ["tests/addin/**/*.test.ts"],
            // The browser test starts wrangler dev and Chromium; each step inside has its own bound.
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        },
        {
          test: {
            // The web pages in real Chromium against wrangler dev (local D1 and R2).
            name: "pages",
            environment: "node",
            include: ["tests/pages/browser/**/*.test.ts"],
            testTimeout: 180_000,
            hookTimeout: 180_000,
          },
        },
      ],
    },
  };
});
