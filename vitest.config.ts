import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { generateKeyPairSync } from "node:crypto";
import { buildSite, siteEntry } from "./scripts/site-build.mjs";

// The Worker imports the on-demand pages ("gongkai-site"): tests use their own build of the
// site (rebuilt only when a site source changed), never the site/dist `npm start` serves.
const TEST_SITE_OUT = ".wrangler/vitest-site";

// Tests run inside workerd against a real local D1 with the same migrations as production.
export default defineConfig(async () => {
  const migrations = await readD1Migrations("migrations");
  buildSite(TEST_SITE_OUT, { ifStale: true });
  return {
    resolve: { alias: { "gongkai-site": siteEntry(TEST_SITE_OUT) } },
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
            // A fresh Ed25519 ledger signing key per run (PKCS#8 DER, base64), as the secret would hold.
            LEDGER_SIGNING_KEY: generateKeyPairSync("ed25519").privateKey.export({ format: "der", type: "pkcs8" }).toString("base64"),
          },
        },
      }),
    ],
    test: {
      include: ["tests/**/*.test.ts"],
      // tests/slow: Node-only, run by npm run test:disclosure-demo (vitest.slow.config.ts).
      exclude: ["tests/e2e/**", "tests/node/**", "tests/slow/**"],
      setupFiles: ["./tests/setup.ts"],
      // The demo register through the joint disclosure gate, once per run (not per test file).
      globalSetup: ["./tests/global-setup.ts"],
      // Each test file seeds its own demo database (storage is isolated per file); on a
      // loaded 2-core machine that can take well over vitest's 10 s default.
      hookTimeout: 120_000,
      testTimeout: 60_000,
    },
  };
});
