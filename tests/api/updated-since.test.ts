import { beforeAll, describe, expect, it } from "vitest";
import { addDays, localDateOf } from "../../worker/domain/notice-window";
import { api, followList, json } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";
import { createNotice, postHeaders } from "../helpers/notices";

// updated_since= on the lists whose rows carry updated_at: change order (updated_at, id),
// a row changed while a client pages is listed again further on, and meta.poll_since of the
// first page is where the next poll starts without missing anything.

type Row = { id: string; updated_at: string; objections?: { received: number } };

const follow = async (path: string) => (await followList<Row>(path)).rows;
const inChangeOrder = (rows: Row[]) => rows.every((r, i) => i === 0 || rows[i - 1]!.updated_at < r.updated_at || (rows[i - 1]!.updated_at === r.updated_at && rows[i - 1]!.id < r.id));
const EPOCH = "1970-01-01T00:00:00Z";

beforeAll(seedFundsOnce);

describe("updated_since=", () => {
  it("notices: a notice changed while a client pages is listed again after its cursor, and the next poll starts early enough", async () => {
    const today = localDateOf(new Date());
    const period = { start: today, end: addDays(today, 6) };
    const publishedAt = new Date(Date.now() - 3600_000).toISOString();
    const a = await createNotice({ period, publishedAt });
    await createNotice({ period, publishedAt });
    const since = (await json(await api(`/api/v1/notices/${a}`))).data.updated_at as string;

    const first = (await json(await api(`/api/v1/notices?updated_since=${since}&limit=1`))) as { data: Row[]; next: string; meta: { poll_since: string; sort: string } };
    expect(first.meta.sort).toBe("updated");
    const changed = first.data[0]!;
    expect(changed.objections!.received).toBe(0);
    // An objection arrives between two pages: the notice's count (public) and updated_at change.
    const objection = await api(`/api/v1/notices/${changed.id}/objections`, { method: "POST", headers: postHeaders(), body: JSON.stringify({ text: "第1户情况与实际不符，请核实。" }) });
    expect(objection.status).toBe(201);
    const next = new URL(first.next);
    const rest = await follow(next.pathname + next.search);
    const seen = [...first.data, ...rest];
    expect(seen.at(-1)).toMatchObject({ id: changed.id, objections: { received: 1 } });
    expect(inChangeOrder(rest)).toBe(true);
    // The next poll, from poll_since of the first page, lists the changed notice again.
    expect(first.meta.poll_since < seen.at(-1)!.updated_at).toBe(true);
    const poll = await follow(`/api/v1/notices?updated_since=${encodeURIComponent(first.meta.poll_since)}`);
    expect(poll.map((r) => r.id)).toContain(changed.id);

    // From the beginning: every public notice once, in change order, as CSV too.
    const all = await follow(`/api/v1/notices?updated_since=${EPOCH}&limit=7`);
    expect(all.map((r) => r.id).sort()).toEqual((await follow("/api/v1/notices?limit=1000")).map((r) => r.id).sort());
    expect(inChangeOrder(all)).toBe(true);
    const csv = (await (await api(`/api/v1/notices?updated_since=${EPOCH}&format=csv`)).text()).trim().split("\r\n");
    expect(csv.length - 1).toBe(all.length);
    expect(csv[0]!.split(",")).toContain("updated_at");
  });

  it("fund projects: change order from an instant, nothing after the last change", async () => {
    const all = await follow(`/api/v1/funds/projects?updated_since=${EPOCH}&limit=11`);
    expect(all.length).toBe((await follow("/api/v1/funds/projects?limit=1000")).length);
    expect(inChangeOrder(all)).toBe(true);
    const latest = all.at(-1)!.updated_at;
    const tail = await follow(`/api/v1/funds/projects?updated_since=${encodeURIComponent(latest)}`);
    expect(tail.length).toBeGreaterThanOrEqual(1);
    expect(tail.every((r) => r.updated_at >= latest)).toBe(true);
    // The same instant with an offset.
    const shifted = new Date(new Date(latest).getTime() + 8 * 3600_000).toISOString().replace("Z", "+08:00");
    expect((await follow(`/api/v1/funds/projects?updated_since=${encodeURIComponent(shifted)}`)).map((r) => r.id)).toEqual(tail.map((r) => r.id));
    expect((await follow("/api/v1/funds/projects?updated_since=2999-01-01T00:00:00Z")).length).toBe(0);
    // Strict input on every list: tests/api/updated-since-lists.test.ts.
  });
});
