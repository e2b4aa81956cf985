/**
 * Starts the portal exactly as `npm start` does (scripts/start.mjs: build the site, migrate,
 * seed when empty, `wrangler dev`) on a given port and database directory, and
 * stops it again. Used by the end-to-end tests and `npm run site:metrics`.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";

export interface Portal {
  baseUrl: string;
  stop: () => Promise<void>;
}

export interface PortalOptions {
  /** Port to serve on; a free one when left out. */
  port?: number;
  /** Local D1 directory (wrangler --persist-to), never the developer's .wrangler/state. */
  persistTo: string;
  timeoutMs?: number;
  /**
   * Also wait until the demo register's releases are imported (npm start imports them in the
   * background once the portal serves: scripts/import-demo-register.ts). For tests that read
   * register statistics; the joint disclosure gate may take minutes on a fresh database.
   */
  waitForRegister?: boolean;
}

/** What scripts/import-demo-register.ts prints when done, and what start.mjs prints when it failed. */
const REGISTER_DONE = "✔ Register statistics published";
const REGISTER_FAILED = "✖ Importing the demo register failed";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPortal(options: PortalOptions): Promise<Portal> {
  const port = options.port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${port}`;
  // A fresh start seeds every demo dataset and builds the site first: minutes on a busy 2-core machine.
  const timeoutMs = options.timeoutMs ?? 900_000;
  let log = "";
  let registerDone = false;
  let registerFailed = false;
  // Its own process group, so stop() ends npm start's children too (astro, wrangler, workerd).
  const child = spawn(process.execPath, ["scripts/start.mjs"], {
    // Its own site build beside its database: never the site/dist a developer's portal serves.
    env: { ...process.env, PORT: String(port), GONGKAI_PERSIST_TO: options.persistTo, GONGKAI_SITE_OUT: `${options.persistTo}-site`, WRANGLER_LOG: "warn" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const keep = (chunk: Buffer) => {
    // The markers are looked for in the text around each chunk (a marker may straddle two).
    const text = log.slice(-200) + chunk.toString();
    if (text.includes(REGISTER_DONE)) registerDone = true;
    if (text.includes(REGISTER_FAILED)) registerFailed = true;
    log = (log + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));

  const stop = async () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return; // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
  };

  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The portal exited (${child.exitCode}) before serving:\n${log}`);
    if (registerFailed) {
      await stop();
      throw new Error(`The demo register import failed:\n${log}`);
    }
    try {
      const [api, site] = await Promise.all([fetch(`${baseUrl}/api/v1/health`), fetch(`${baseUrl}/`)]);
      if (api.ok && site.ok && (!options.waitForRegister || registerDone)) return { baseUrl, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  await stop();
  throw new Error(`The portal did not start within ${timeoutMs / 1000} s:\n${log}`);
}
