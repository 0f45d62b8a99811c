import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

// Two projects: pure code in Node, the Worker inside workerd with local D1 and R2 (no mocks).
export default defineConfig(async () => {
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
            include: ["tests/worker/**/*.test.ts"],
            setupFiles: ["./tests/worker/apply-migrations.ts"],
            globalSetup: ["./tests/worker/global-setup.ts"],
          },
        },
      ],
    },
  };
});
