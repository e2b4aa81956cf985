// Builds the site (astro build) into a given output folder: <dir>/client holds the static
// files, <dir>/server/entry.mjs the on-demand pages the Worker imports ("gongkai-site").
// The build reads no data, so it can run before (or while) the database is filled.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const DEFAULT_SITE_OUT = "site/dist";

/** The wrangler dev flags that serve a site build from `dir` instead of site/dist. */
export function siteServeArgs(dir) {
  const abs = resolve(dir);
  return ["--alias", `gongkai-site:${join(abs, "server/entry.mjs")}`, "--assets", join(abs, "client")];
}

export function siteEntry(dir) {
  return resolve(dir, "server/entry.mjs");
}

/** Newest modification time under the site's sources and the build's config. */
function newestSource() {
  let newest = statSync("astro.config.mjs").mtimeMs;
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "dist" || entry.name === "node_modules") continue;
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else newest = Math.max(newest, statSync(path).mtimeMs);
    }
  };
  walk("site");
  return newest;
}

/**
 * Builds into `dir` (default site/dist). With `ifStale`, skips the build when the output is
 * newer than every source file (test runs share one build until the site changes).
 */
export function buildSite(dir = DEFAULT_SITE_OUT, { ifStale = false, quiet = true } = {}) {
  const entry = siteEntry(dir);
  if (ifStale && existsSync(entry) && statSync(entry).mtimeMs > newestSource()) return false;
  const result = spawnSync("npx", ["astro", "build", ...(quiet ? ["--silent"] : [])], {
    stdio: "inherit",
    env: { ...process.env, GONGKAI_SITE_OUT: dir, ASTRO_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error(`astro build into ${dir} failed (exit ${result.status})`);
  return true;
}
