/**
 * The local D1's SQLite file (wrangler/miniflare keep one per database under
 * <state>/v3/d1), found without starting a runtime: for read-only peeks (is the database
 * empty? are the demo's register releases there?) and for the seed's direct write before
 * `wrangler dev` starts.
 */
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** GONGKAI_PERSIST_TO: another local database directory (wrangler's --persist-to; e2e tests use their own). */
export function localStateDir(): string {
  return process.env.GONGKAI_PERSIST_TO ?? join(".wrangler", "state");
}

export function localD1File(stateDir = localStateDir()): string | undefined {
  const dir = join(stateDir, "v3", "d1", "miniflare-D1DatabaseObject");
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")
    .map((f) => join(dir, f))[0];
}

/**
 * The editor token of the demo register import (scripts/seed.ts --register later makes it;
 * scripts/import-demo-register.ts uses it once the portal serves, then deletes the file). Kept
 * beside the database it belongs to, so removing the state directory removes it too.
 */
function demoRegisterTokenFile(stateDir = localStateDir()): string {
  return join(stateDir, "demo-register-token");
}

export function writeDemoRegisterToken(token: string, stateDir = localStateDir()): void {
  writeFileSync(demoRegisterTokenFile(stateDir), `${token}\n`, { mode: 0o600 });
}

/** The token, while the demo register import is still to do. */
export function readDemoRegisterToken(stateDir = localStateDir()): string | undefined {
  const file = demoRegisterTokenFile(stateDir);
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

export function removeDemoRegisterToken(stateDir = localStateDir()): void {
  rmSync(demoRegisterTokenFile(stateDir), { force: true });
}
