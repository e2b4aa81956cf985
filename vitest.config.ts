import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests run inside workerd against a real local D1 with the same migrations as production.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  return {
    plugins: [
      cloudflareTest({
        main: "./worker/index.ts",
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            ENVIRONMENT: "test",
            // Tests' own pseudonym key (R1), never a production one.
            PSEUDONYM_KEY: "test-pseudonym-key-0123456789abcdef-not-secret",
          },
        },
      }),
    ],
    test: {
      include: ["tests/**/*.test.ts"],
      exclude: ["tests/e2e/**", "tests/node/**"],
      setupFiles: ["./tests/setup.ts"],
      // Each test file seeds its own demo database (storage is isolated per file); on a
      // loaded 2-core machine that can take well over vitest's 10 s default.
      hookTimeout: 120_000,
      testTimeout: 60_000,
    },
  };
});
