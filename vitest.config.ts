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
      // Loading the demo data (with its household register import) in beforeAll takes seconds,
      // and much longer on a busy 2-core machine.
      hookTimeout: 120_000,
    },
  };
});
