import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { guardChanged } from "../../worker/admin";
import { isWriteGuardAbort } from "../../worker/admin/guard";
import { createDb } from "../../worker/db/client";

describe("guardChanged", () => {
  it("lets a batch commit when the previous statement changed a row", async () => {
    const db = createDb(env.DB);
    await env.DB.prepare("CREATE TABLE IF NOT EXISTS guard_demo (id INTEGER PRIMARY KEY, status TEXT)").run();
    await env.DB.prepare("INSERT INTO guard_demo (id, status) VALUES (1, 'open')").run();
    await db.batch([db.run("UPDATE guard_demo SET status = 'closed' WHERE id = 1 AND status = 'open'" as never), guardChanged(db)]);
    expect((await env.DB.prepare("SELECT status FROM guard_demo WHERE id = 1").first())?.status).toBe("closed");
  });

  it("rolls the whole batch back when the previous statement changed nothing (a lost race)", async () => {
    const db = createDb(env.DB);
    await env.DB.prepare("CREATE TABLE IF NOT EXISTS guard_demo (id INTEGER PRIMARY KEY, status TEXT)").run();
    await env.DB.prepare("INSERT OR REPLACE INTO guard_demo (id, status) VALUES (2, 'closed')").run();
    const attempt = db.batch([
      db.run("INSERT INTO guard_demo (id, status) VALUES (3, 'side effect')" as never),
      db.run("UPDATE guard_demo SET status = 'announced' WHERE id = 2 AND status = 'open'" as never),
      guardChanged(db),
    ]);
    const error = await attempt.catch((e: unknown) => e);
    expect(isWriteGuardAbort(error)).toBe(true);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM guard_demo WHERE id = 3").first("n")).toBe(0);
  });
});
