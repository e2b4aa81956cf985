/**
 * The search page and the village page as the resident's hub (issue 14 site part, issue 15
 * §4), rendered on demand through the real entry point on the demo data.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { seedFundsOnce } from "../helpers/funds";
import { decodeQrSvg } from "../helpers/qr-decode";

const XINGZHONG = "340223101204";

beforeAll(async () => {
  // The funds demo too: 兴中村's projects and donations are part of its hub.
  await seedFundsOnce();
}, 120_000);

async function page(path: string) {
  const res = await api(path);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

describe("the search page", () => {
  it("finds Nanling by pinyin initials, spaced pinyin, traditional characters and one character, linking its page", async () => {
    for (const q of ["nl", "nan ling", "南陵縣", "陵"]) {
      const { status, html } = await page(`/search/?q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(200);
      expect(html, q).toContain('href="/regions/340223000000/"');
      expect(html, q).toMatch(/<h3 id="group-region">地区/);
    }
    const en = await page("/en/search/?q=nanling");
    expect(en.status).toBe(200);
    expect(en.html).toContain('href="/en/regions/340223000000/"');
    expect(en.html).toContain("Nanling County");
  });

  it("shows the form alone without a query, and the header's search points to it", async () => {
    const { status, html } = await page("/search/");
    expect(status).toBe(200);
    expect(html).not.toContain('id="search-results"');
    expect(html).toMatch(/<form class="wrap header-search"[^>]*action="\/search\/"/);
    const en = await page("/en/regions/340223000000/");
    expect(en.html).toMatch(/<form class="wrap header-search"[^>]*action="\/en\/search\/"/);
  });

  it("answers an empty, over-long or punctuation-only query with the error summary (400), naming the field", async () => {
    for (const [q, message] of [["", "请输入要搜索的内容"], ["南".repeat(101), "请输入不超过 100 个字"], ["。。", "请输入至少一个汉字、字母或数字"]] as const) {
      const { status, html } = await page(`/search/?q=${encodeURIComponent(q)}`);
      expect(status, q).toBe(400);
      expect(html, q).toContain('class="error-summary"');
      expect(html, q).toContain(`<a href="#search-q">${message}</a>`);
      expect(html, q).toContain('aria-invalid="true"');
    }
    const region = await page("/search/?q=nl&region=999999999999");
    expect(region.status).toBe(400);
    expect(region.html).toContain('href="#search-region"');
    const stale = await page("/search/?q=nl&cursor=not-a-cursor");
    expect(stale.status).toBe(400);
    expect(stale.html).toContain("链接已失效");
  });

  it("says clearly when nothing matches, filters by type and region, and pages with the API's cursor", async () => {
    const none = await page(`/search/?q=${encodeURIComponent("不存在的地方名称")}`);
    expect(none.status).toBe(200);
    expect(none.html).toContain("data-search-empty");
    const villages = await page(`/search/?q=${encodeURIComponent("村")}&type=village&region=340223000000`);
    expect(villages.status).toBe(200);
    expect(villages.html).toContain('data-type="village"');
    expect(villages.html).not.toContain('data-type="region"');
    const more = /href="(\/search\/\?[^"]*cursor=[^"]+)" rel="next"/.exec(villages.html);
    expect(more).not.toBeNull();
    const second = await page(more![1]!.replaceAll("&amp;", "&"));
    expect(second.status).toBe(200);
    const links = (html: string) => [...html.matchAll(/class="hit-link" href="([^"]+)"/g)].map((m) => m[1]);
    const first = links(villages.html);
    expect(first).toHaveLength(20);
    expect(links(second.html).some((l) => first.includes(l))).toBe(false);
    expect(second.html).toContain("回到第一页");
  });
});

describe("the village page as the resident's hub", () => {
  it("shows 兴中村's projects as the API lists them, the money that reached it, its contacts, the hotline and its feed", async () => {
    const projects = (await (await api(`/api/v1/funds/projects?region=${XINGZHONG}`)).json()) as { data: { id: string; allocated_fen: number }[] };
    expect(projects.data.length).toBe(2);
    const { status, html } = await page(`/regions/${XINGZHONG}/`);
    expect(status).toBe(200);
    for (const p of projects.data) expect(html).toContain(`href="/funds/projects/${p.id}/"`);
    const allocated = projects.data.reduce((s, p) => s + p.allocated_fen, 0);
    const yuan = new Intl.NumberFormat("zh-CN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(allocated / 100);
    expect(html).toContain(`data-money-allocated>${yuan} 元`);
    expect(html).toContain('data-role="first_secretary"');
    expect(html).toContain('data-role="township_office"');
    expect(html).toContain('data-role="county_office"');
    expect(html).toContain('href="tel:12317"');
    expect(html).toContain(`<link rel="alternate" type="application/atom+xml" href="/api/v1/notices.atom?region=${XINGZHONG}"`);
    expect(html).toContain(`href="/api/v1/notices.atom?region=${XINGZHONG}" type="application/atom+xml" data-village-feed`);
    expect(html).toContain('id="township-reports"');
    const en = await page(`/en/regions/${XINGZHONG}/`);
    expect(en.html).toContain("Who answers for this village");
    expect(en.html).toContain("National poverty-alleviation supervision hotline");
  });

  it("shows a township's and a county's responsible office", async () => {
    for (const code of ["340223101000", "340223000000"]) {
      const { html } = await page(`/regions/${code}/`);
      expect(html, code).toContain('id="contacts"');
      expect(html, code).toContain("12317");
    }
  });
});

describe("the printable notice board", () => {
  it("prints the village's open notices without the site's chrome, with QR codes that decode to their pages", async () => {
    const { status, html } = await page("/regions/340223101201/print/");
    expect(status).toBe(200);
    // No header element (the inlined stylesheet may name the class; the markup must not use it).
    expect(html).not.toContain(`class="site-header"`);
    expect(html).toContain('data-notice="ntc_demo01"');
    expect(html).toContain("12317");
    const svgs = [...html.matchAll(/<svg[^>]*class="qr"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs.length).toBeGreaterThanOrEqual(2);
    expect(decodeQrSvg(svgs[0]!)).toBe("http://portal.test/regions/340223101201/");
    expect(svgs.slice(1).map(decodeQrSvg)).toContain("http://portal.test/notices/ntc_demo01/");
    const en = await page("/en/regions/340223101201/print/");
    expect(decodeQrSvg([...en.html.matchAll(/<svg[^>]*class="qr"[\s\S]*?<\/svg>/g)][0]![0])).toBe("http://portal.test/en/regions/340223101201/");
    expect((await page("/regions/340223101000/print/")).status).toBe(404);
  });
});
