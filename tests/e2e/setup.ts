/**
 * Runs beside every browser test file (vitest.e2e.config.ts setupFiles): when a test fails,
 * every page it still has open reports its address, its failed requests, CSP violations and
 * console errors, and the requests it still waits for — what "a timeout" alone never says.
 */
import { beforeEach } from "vitest";
import { openPages, pageReport } from "./browser";

beforeEach(({ onTestFailed }) => {
  onTestFailed(() => {
    for (const page of openPages) console.error(`[e2e] ${pageReport(page)}`);
  });
});
