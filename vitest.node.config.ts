import { defineConfig } from "vitest/config";

// Tests that need Node rather than workerd (e.g. the OpenAPI validator compiles schemas
// with `new Function`, which workerd forbids). They import the worker's modules directly.
export default defineConfig({
  test: {
    include: ["tests/node/**/*.test.ts"],
    environment: "node",
  },
});
