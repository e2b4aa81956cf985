import { defineConfig } from "vitest/config";

// Node tests too slow for `npm test` today: the demo-wide joint disclosure attack (issue 16),
// the acceptance test for switching the joint gate on at import. `npm run test:disclosure-demo`.
export default defineConfig({
  test: {
    include: ["tests/slow/**/*.test.ts"],
    environment: "node",
    testTimeout: 4 * 60 * 60 * 1000,
  },
});
