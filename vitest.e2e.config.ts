import { defineConfig } from "vitest/config";

/**
 * End-to-end tests: Node (not workerd) drives Debian's chromium through playwright-core
 * against the portal served as `npm start` serves it, on a free port and with its own local
 * database (.wrangler/e2e), started and stopped by the global setup.
 */
export default defineConfig({
  test: {
    include: ["tests/e2e/**/*.e2e.test.ts"],
    globalSetup: ["./tests/e2e/global-setup.ts"],
    // On a failure, the open pages say what they loaded, what failed and what they wait for.
    setupFiles: ["./tests/e2e/setup.ts"],
    // One browser at a time: the machines have two cores and the portal runs beside it.
    fileParallelism: false,
    // Generous: the shared 2-core machines are often loaded several times over.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
