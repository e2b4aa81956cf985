import type { Browser, Page } from "playwright-core";
import type { PageElement } from "./dom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseUrl, launchBrowser, openPage } from "./browser";
import { clipboardText, DEMO_REPORT_RECEIPT, focused, NOTICE, readStream, RECEIPT_PATTERN } from "./notices-pages";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

interface NoticeJson {
  data: { objection_period: { opens_at: string; closes_at: string; start: string; end: string }; items: { masked_name: string }[] | null; fingerprint: string };
}
async function noticeJson(page: Page, id: string): Promise<NoticeJson["data"]> {
  return ((await (await page.request.get(`/api/v1/notices/${id}`)).json()) as NoticeJson).data;
}

describe("a resident objecting to a notice", () => {
  it("finds the open notice for her village with the filters and objects: the receipt is shown once, with copy and download", async () => {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await page.goto("/notices/");
    await page.getByLabel("地区").selectOption(NOTICE.openVillage);
    await page.getByLabel("状态").selectOption("open");
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await page.waitForURL(`**/notices/?region=${NOTICE.openVillage}&status=open`);
    const visible = page.locator("[data-notice-row]:not([hidden])");
    await expect(visible.count()).resolves.toBe(1);
    await expect(page.locator("[data-result-count]").textContent()).resolves.toBe("共 1 条公示");
    await visible.getByRole("link").click();
    await page.waitForURL(`**/notices/${NOTICE.open}/`);

    // The page: live state with time left, items masked exactly as the API gives them, fingerprint.
    const api = await noticeJson(page, NOTICE.open);
    await expect(page.locator("[data-primary] .badge").textContent()).resolves.toBe("公示中，可提出异议");
    await expect(page.locator("[data-primary] .notice-time").textContent()).resolves.toMatch(new RegExp(`^还剩 .* · 截止时间：${api.objection_period.end} 24:00（北京时间）$`));
    const names = await page.locator("#items-caption ~ tbody tr td:nth-child(2)").allTextContents();
    expect(names).toEqual(api.items!.map((i) => i.masked_name));
    await expect(page.locator("section[aria-labelledby=fingerprint] .fingerprint code").textContent()).resolves.toBe(api.fingerprint);

    await page.getByLabel("针对哪一户（可选）").selectOption("2");
    await page.getByLabel("异议内容").fill("第 2 号户家里新盖了楼房，不符合识别条件。（端到端测试）");
    await page.getByLabel("联系方式（可选）").fill("138-0000-0000");
    await page.getByRole("button", { name: "提交异议" }).click();

    const panel = page.locator("#objection-receipt");
    await panel.waitFor({ state: "visible" });
    await expect(panel.locator("h2").textContent()).resolves.toBe("异议已收到");
    const receipt = (await panel.locator("[data-receipt-value]").textContent())!;
    expect(receipt).toMatch(RECEIPT_PATTERN);
    await expect(panel.locator(".warning-text").textContent()).resolves.toContain("只显示这一次");
    await expect(focused(page).then((f) => f?.id)).resolves.toBe("objection-receipt-heading");
    // The form is gone: the same objection cannot be sent twice by accident.
    await expect(page.locator("#objection-form").count()).resolves.toBe(0);

    await panel.getByRole("button", { name: "复制回执号" }).click();
    // The status is written when the clipboard write resolves, after the click returns.
    await expect.poll(() => panel.locator("[data-copy-status]").textContent(), { timeout: 10_000 }).toBe("已复制");
    await expect(clipboardText(page)).resolves.toBe(receipt);

    const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "下载回执（文本文件）" }).click()]);
    const text = await readStream(await download.createReadStream());
    expect(text).toContain(`回执号：${receipt}`);
    expect(text).toContain("/reports/status/");

    // The receipt follows the objection; its text and contact never come back.
    await panel.getByRole("link", { name: "凭回执号查询进度" }).click();
    await page.getByLabel("回执号").fill(receipt.toLowerCase());
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.locator("#status-heading").textContent()).resolves.toBe("异议的办理情况");
    const shown = (await page.locator("[data-status-result]").textContent())!;
    expect(shown).toContain("已收到，正在核查");
    expect(shown).toContain(NOTICE.open);
    expect(shown).not.toContain("楼房");
    expect(shown).not.toContain("138-0000-0000");
    await page.context().close();
  });

  it("finds the open notices of her village on the village's page, and all of them in the filtered list", async () => {
    const page = await openPage(browser);
    await page.goto(`/regions/${NOTICE.openVillage}/`);
    // The village hub lists open notices first, then recent ones (issue 14).
    const block = page.locator("section[aria-labelledby=village-notices]");
    const open = block.locator("[data-notice-row]").filter({ has: page.locator(".notice-time", { hasText: /^还剩 / }) });
    await expect(open.count()).resolves.toBe(1);
    await block.getByRole("link", { name: /^公示 · / }).click();
    await page.waitForURL(`**/notices/?region=${NOTICE.openVillage}`);
    await expect(page.getByLabel("地区").inputValue()).resolves.toBe(NOTICE.openVillage);
    // Every published notice of the village, as the API lists them: the console journey may
    // have published another one here in the shared e2e database, so the count comes from the API.
    const listed = (await (await fetch(`${baseUrl()}/api/v1/notices?region=${NOTICE.openVillage}&limit=100`)).json()) as { data: { id: string }[] };
    expect(listed.data.map((n) => n.id)).toContain(NOTICE.open);
    await expect(page.locator("[data-notice-row]:not([hidden])").count()).resolves.toBe(listed.data.length);
    await page.locator(`[data-id="${NOTICE.open}"] a`).click();
    await page.waitForURL(`**/notices/${NOTICE.open}/`);
    await page.context().close();
  });

  it("is told what to fix, at the top and beside the field, and loses nothing", async () => {
    const page = await openPage(browser);
    await page.goto(`/en/notices/${NOTICE.open}/`);
    await page.getByRole("button", { name: "Send objection" }).click();
    const summary = page.locator(".error-summary");
    await expect(summary.textContent()).resolves.toContain("Enter your objection");
    await expect(focused(page).then((f) => f?.classes.includes("error-summary"))).resolves.toBe(true);
    await page.getByLabel("Your objection").fill("  abc ");
    await page.getByLabel("Contact details (optional)").fill("x".repeat(201));
    await page.getByRole("button", { name: "Send objection" }).click();
    await expect(summary.locator("li").allTextContents()).resolves.toEqual(["Your objection must be at least 5 characters", "Contact details must be at most 200 characters"]);
    await expect(page.locator("#objection-text-error").textContent()).resolves.toBe("Your objection must be at least 5 characters");
    await expect(page.getByLabel("Your objection").getAttribute("aria-invalid")).resolves.toBe("true");
    await expect(page.getByLabel("Your objection").getAttribute("aria-describedby")).resolves.toContain("objection-text-error");
    await expect(page.getByLabel("Your objection").inputValue()).resolves.toBe("  abc ");
    // The summary's link takes the keyboard to the field.
    await summary.getByRole("link", { name: "Your objection must be at least 5 characters" }).click();
    await expect(focused(page).then((f) => f?.id)).resolves.toBe("objection-text");
    // Counted as the API counts: trimmed.
    await expect(page.locator("#objection-text-count").textContent()).resolves.toBe("3 of 2000 characters");
    await page.context().close();
  });

  it("an objection after the period is refused: a closed notice says so plainly and offers no form", async () => {
    const page = await openPage(browser);
    for (const [path, message, badge] of [
      [`/notices/${NOTICE.closed}/`, "不再受理异议", "公示期满"],
      [`/en/notices/${NOTICE.closed}/`, "Objections are no longer accepted", "Period ended"],
    ] as const) {
      await page.goto(path);
      const api = await noticeJson(page, NOTICE.closed);
      await expect(page.locator(".closed-message").isVisible()).resolves.toBe(true);
      const text = (await page.locator(".closed-message").textContent())!;
      expect(text).toContain(message);
      expect(text).toContain(`${api.objection_period.end} 24:00`);
      await expect(page.locator("[data-primary] .badge").textContent()).resolves.toBe(badge);
      await expect(page.locator("form#objection-form").count()).resolves.toBe(0);
    }
    // The API refuses it too, with the period in the message (what a stale page would meet).
    const res = await page.request.post(`/api/v1/notices/${NOTICE.closed}/objections`, { data: { text: "迟到的异议，测试用。" } });
    expect(res.status()).toBe(409);
    await page.context().close();
  });

  it("a page left open past the deadline withdraws the form when the period ends (Asia/Shanghai midnight)", async () => {
    const page = await openPage(browser);
    const api = await noticeJson(page, NOTICE.open);
    await page.clock.install({ time: new Date(Date.parse(api.objection_period.closes_at) - 30_000) });
    await page.goto(`/notices/${NOTICE.open}/`);
    // Once the island has the live status: the page's clock says 30 s are left.
    await expect.poll(() => page.locator("[data-primary] .notice-time").textContent(), { timeout: 20_000 }).toMatch(/^还剩 1 分钟/);
    await expect(page.getByLabel("异议内容").isVisible()).resolves.toBe(true);
    await page.clock.fastForward("01:00");
    await expect.poll(() => page.locator("[data-primary] .badge").textContent(), { timeout: 20_000 }).toBe("公示期满");
    await expect(page.getByLabel("异议内容").isVisible()).resolves.toBe(false);
    await expect(page.locator(".closed-message").textContent()).resolves.toBe(`公示期已于 ${api.objection_period.end} 24:00（北京时间）结束，不再受理异议。`);
    await page.context().close();
  });

  it("when the API refuses an objection outside the period, the error summary says why and the text stays", async () => {
    // The phone's clock is a day fast: the page thinks the upcoming notice is open, the API knows better.
    const page = await openPage(browser);
    const api = await noticeJson(page, NOTICE.upcoming);
    await page.clock.install({ time: new Date(Date.parse(api.objection_period.opens_at) + 3_600_000) });
    await page.goto(`/notices/${NOTICE.upcoming}/`);
    await page.getByLabel("异议内容").waitFor({ state: "visible" });
    await page.getByLabel("异议内容").fill("名单中第 1 户情况不符，请核实。");
    await page.getByRole("button", { name: "提交异议" }).click();
    const summary = page.locator(".error-summary");
    await summary.waitFor();
    await expect(summary.textContent()).resolves.toContain(`异议期为 ${api.objection_period.start} 00:00 至 ${api.objection_period.end} 24:00（北京时间），现在不在异议期内，异议未被受理。`);
    await expect(page.getByLabel("异议内容").inputValue()).resolves.toBe("名单中第 1 户情况不符，请核实。");
    await expect(page.locator("#objection-receipt").isVisible()).resolves.toBe(false);
    await page.context().close();
  });
});

describe("notice pages", () => {
  it("an announced notice keeps its counts and withdraws its items", async () => {
    const page = await openPage(browser);
    await page.goto(`/en/notices/${NOTICE.announced}/`);
    await expect(page.locator("#notice-items + p").textContent()).resolves.toContain("the list is withdrawn");
    await expect(page.locator("table").count()).resolves.toBe(0);
    await expect(page.locator("[data-primary] .badge").textContent()).resolves.toBe("Result announced");
    await page.context().close();
  });

  it("a correction and the notice it supersedes link to each other", async () => {
    const page = await openPage(browser);
    await page.goto(`/notices/${NOTICE.superseded}/`);
    await page.locator(".notice-banner").getByRole("link").click();
    await page.waitForURL(`**/notices/${NOTICE.correction}/`);
    await page.locator(".notice-banner").getByRole("link").click();
    await page.waitForURL(`**/notices/${NOTICE.superseded}/`);
    await page.context().close();
  });

  it("links the Atom feed of its region and the JSON and CSV behind it, all answering", async () => {
    const page = await openPage(browser);
    await page.goto(`/notices/${NOTICE.open}/`);
    const links = await page.locator(".data-links a, .downloads a").evaluateAll((as) => as.map((a) => (a as unknown as PageElement).getAttribute("href")!));
    expect(links).toContain(`/api/v1/notices/${NOTICE.open}`);
    expect(links).toContain(`/api/v1/notices.atom?region=${NOTICE.openVillage}`);
    expect(links).toContain(`/api/v1/notices?region=${NOTICE.openVillage}&format=csv`);
    for (const href of links) expect((await page.request.get(href)).status(), href).toBe(200);
    await page.context().close();
  });

  it("reads without JavaScript: the list by state, its filters as a plain form, the notice with its items, and the form (it posts to the page)", async () => {
    const page = await openPage(browser, { javaScriptEnabled: false });
    await page.goto("/notices/");
    await expect(page.locator("#group-open").isVisible()).resolves.toBe(true);
    // The filters are the server's: the plain form reloads the list filtered (issue 10).
    await page.getByLabel("状态").selectOption("closed");
    await page.getByRole("button", { name: "筛选", exact: true }).click();
    await page.waitForURL("**/notices/?region=&type=&status=closed");
    await expect(page.locator("#group-open").isVisible()).resolves.toBe(false);
    await expect(page.locator("[data-notice-row] [data-notice-state]").evaluateAll((els) => [...new Set(els.map((e) => (e as unknown as PageElement).getAttribute("data-state")))])).resolves.toEqual(["closed"]);
    await page.goto("/notices/");
    await page.locator(`[data-id="${NOTICE.open}"] a`).first().click();
    await page.waitForURL(`**/notices/${NOTICE.open}/`);
    await expect(page.locator("tbody tr").count()).resolves.toBeGreaterThan(0);
    await expect(page.locator("#objection-form").isVisible()).resolves.toBe(true);
    await expect(page.locator("#objection-form").getAttribute("method")).resolves.toBe("post");
    await page.context().close();
  });

  it("objects by keyboard alone", async () => {
    const page = await openPage(browser);
    await page.goto(`/en/notices/${NOTICE.open}/`);
    await page.getByLabel("Which household (optional)").focus();
    await page.keyboard.press("Tab");
    await page.keyboard.type("Household 3 owns a shop in town. (end-to-end test)");
    await page.keyboard.press("Tab");
    await expect(focused(page).then((f) => f?.id)).resolves.toBe("objection-contact");
    await page.keyboard.press("Tab");
    // The honeypot is skipped: next stop is the button.
    await expect(focused(page).then((f) => f?.text)).resolves.toBe("Send objection");
    await page.keyboard.press("Enter");
    await page.locator("#objection-receipt").waitFor({ state: "visible" });
    await expect(focused(page).then((f) => f?.id)).resolves.toBe("objection-receipt-heading");
    await page.context().close();
  });
});

describe("a resident reporting a problem", () => {
  it("files a report, keeps the receipt, and follows the report by it", async () => {
    const page = await openPage(browser, { acceptDownloads: true });
    await page.goto("/");
    await page.getByRole("link", { name: "反映问题" }).first().click();
    await page.waitForURL("**/reports/");
    // The place list starts with provinces and cities and narrows by links (no JavaScript needed).
    await page.locator(".place-narrow").getByRole("link", { name: "芜湖市" }).click();
    await page.waitForURL("**/reports/?in=340200000000#report-region");
    await page.locator(".place-narrow").getByRole("link", { name: "南陵县" }).click();
    await page.waitForURL("**/reports/?in=340223000000#report-region");
    await page.getByLabel("扶贫资金被挪用、截留").check();
    await page.getByLabel("发生地点").selectOption(NOTICE.openVillage);
    const text = "村里的扶贫产业资金被用来修村委会办公楼。（端到端测试）";
    await page.getByLabel("具体情况").fill(text);
    await expect(page.locator("#report-text-count").textContent()).resolves.toBe(`已写 ${text.length} 字，最多 5000 字`);
    await page.getByLabel("联系方式（可选）").fill("139-1111-2222");
    await page.getByRole("button", { name: "提交", exact: true }).click();

    const panel = page.locator("#report-receipt");
    await panel.waitFor({ state: "visible" });
    const receipt = (await panel.locator("[data-receipt-value]").textContent())!;
    expect(receipt).toMatch(RECEIPT_PATTERN);
    await expect(panel.locator(".warning-text").textContent()).resolves.toContain("请立即保存回执号");
    const [download] = await Promise.all([page.waitForEvent("download"), panel.getByRole("button", { name: "下载回执（文本文件）" }).click()]);
    expect(await readStream(await download.createReadStream())).toContain(receipt);

    await panel.getByRole("link", { name: "凭回执号查询进度" }).click();
    await page.waitForURL("**/reports/status/");
    // Typed the way people type: spaces instead of dashes.
    await page.getByLabel("回执号").fill(receipt.replaceAll("-", " "));
    await page.getByRole("button", { name: "查询" }).click();
    const result = page.locator("[data-status-result]");
    await expect(page.locator("#status-heading").textContent()).resolves.toBe("反映问题的办理情况");
    const shown = (await result.textContent())!;
    expect(shown).toContain("已收到");
    expect(shown).toContain("扶贫资金被挪用、截留");
    expect(shown).not.toContain("已逾期");
    expect(shown).not.toContain("修村委会办公楼");
    expect(shown).not.toContain("139-1111-2222");
    await expect(result.locator(".timeline li").count()).resolves.toBe(1);
    // The receipt never goes into the address.
    expect(page.url()).not.toContain(receipt.slice(0, 4));
    await page.context().close();
  });

  it("follows an answered report: the public timeline with the authority's answers", async () => {
    const page = await openPage(browser);
    await page.goto("/en/reports/status/");
    await page.getByLabel("Receipt").fill(DEMO_REPORT_RECEIPT);
    await page.getByRole("button", { name: "Look up" }).click();
    await page.locator(".timeline li").first().waitFor();
    const steps = await page.locator(".timeline .timeline-status").allTextContents();
    expect(steps).toEqual(["Received", "Accepted", "In progress", "Resolved", "Answered"]);
    await expect(page.locator(".timeline").textContent()).resolves.toContain("办理结果已书面答复反映人");
    // Internal notes never reach the public.
    await expect(page.locator(".timeline").textContent()).resolves.not.toContain("内部备注");
    await expect(page.locator("#overdue-rules + p").textContent()).resolves.toContain("within 7 days");
    await page.context().close();
  });

  it("gets the same answer for an unknown receipt and a clear one for a mistyped receipt", async () => {
    const page = await openPage(browser);
    await page.goto("/reports/status/");
    await page.getByLabel("回执号").fill("ABCD-EFGH-JKMN-PQRS-TVWX-YZ01");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.locator(".error-summary").textContent()).resolves.toContain("没有找到这个回执号对应的记录");
    await page.getByLabel("回执号").fill("ABCD-EFGH");
    await page.getByRole("button", { name: "查询" }).click();
    await expect(page.locator("#receipt-error").textContent()).resolves.toBe("回执号是 24 位字母和数字，请检查是否输错");
    await page.context().close();
  });

  it("is told every missing answer at once, and keeps what was typed", async () => {
    const page = await openPage(browser);
    await page.goto("/en/reports/");
    await page.getByLabel("What happened").fill("too short");
    await page.getByRole("button", { name: "Send report" }).click();
    await expect(page.locator(".error-summary li").allTextContents()).resolves.toEqual([
      "Choose what kind of problem it is",
      "Choose where it happened",
      "What happened must be at least 10 characters",
    ]);
    await expect(page.getByLabel("What happened").inputValue()).resolves.toBe("too short");
    await page.locator(".error-summary").getByRole("link", { name: "Choose what kind of problem it is" }).click();
    await expect(focused(page).then((f) => f?.name)).resolves.toBe("category");
    await page.context().close();
  });
});
