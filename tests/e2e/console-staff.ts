/**
 * What the console journeys that start from an invitation share: a staff account invited in
 * the e2e database (tests/e2e/invite-staff.ts, the console's own write), its passkey registered
 * in a virtual authenticator (CDP WebAuthn) on a phone-sized screen, and axe on a console page
 * in both languages.
 */
import { spawnSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { baseUrl } from "./browser";
import { E2E_PERSIST_DIR } from "./global-setup";
import { axeFindings } from "./page-checks";

/** WebAuthn refuses an IP address as the relying party: the console is used at localhost. */
export const consoleOrigin = () => baseUrl().replace("127.0.0.1", "localhost");

/** A new staff member signed in on a 360×740 touch screen, on the console's to-do page. */
export async function invitedStaffOnPhone(browser: Browser, name: string, role: "viewer" | "editor" | "admin", region: string): Promise<Page> {
  const invited = spawnSync("npx", ["tsx", "tests/e2e/invite-staff.ts", name, role, region, consoleOrigin()], {
    env: { ...process.env, GONGKAI_PERSIST_TO: E2E_PERSIST_DIR },
    encoding: "utf8",
  });
  const link = /^https?:\/\/\S+\/admin\/invitations\/inv_\S+$/m.exec(invited.stdout ?? "")?.[0];
  if (!link) throw new Error(`invite failed:\n${invited.stdout}\n${invited.stderr}`);
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  await page.goto(link);
  await page.locator("#passkey-register[data-ready]").waitFor({ state: "attached" });
  await page.getByRole("button", { name: "注册通行密钥" }).click();
  await page.waitForURL(/\/admin\/$/);
  return page;
}

/** axe findings on the page as it is, and on the same path in the other language. */
export async function axeBothLanguages(page: Page, label: string): Promise<string[]> {
  const findings = await axeFindings(page, label);
  const url = new URL(page.url());
  const other = url.pathname.startsWith("/en/") ? url.pathname.slice(3) : `/en${url.pathname}`;
  const second = await page.context().newPage();
  await second.goto(`${consoleOrigin()}${other}`);
  findings.push(...(await axeFindings(second, `${label} (${other})`)));
  await second.close();
  return findings;
}
