// Runs the workbook-file tests on their own (`npx vitest run --config tests/xlsx/vitest.config.ts`)
// until the root vitest.config.ts includes tests/xlsx/** in its "domain" (node) project.
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "xlsx",
    root: fileURLToPath(new URL("../..", import.meta.url)),
    environment: "node",
    include: ["tests/xlsx/**/*.test.ts"],
    testTimeout: 120_000,
  },
});
