/**
 * Signing in to the console in a browser test, in one place (every console journey used to
 * repeat it): a page whose context has a virtual authenticator (CDP WebAuthn), an invitation link
 * (a staff account invited in the e2e database through the console's own write,
 * tests/e2e/invite-staff.ts, or the first administrator from `npm run admin --
 * create-first-admin`), registering its passkey, signing in again, and axe on a console page in
 * both languages.
 */
import { spawnSync } from "node:child_process";
import type { Browser, Page } from "playwright-core";
import { baseUrl } from "./browser";
import { E2E_PERSIST_DIR } from "./global-setup";
import { axeFindings } from "./page-checks";

type StaffRole = "viewer" | "editor" | "admin";

/** WebAuthn refuses an IP address as the relying party: the console is used at localhost. */
export const consoleOrigin = () => baseUrl().replace("127.0.0.1", "localhost");

/** The phone every console journey checks: 360×740, touch. */
export const PHONE = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true } as const;

/** A page in a new context (a phone's unless `desk`) with a virtual platform authenticator. */
export async function pageWithAuthenticator(browser: Browser, options: { desk?: boolean } = {}): Promise<Page> {
  const context = await browser.newContext(options.desk ? {} : PHONE);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "internal", hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return page;
}

/** The invitation link a command printed (its stdout), or the command's output as the error. */
function linkFrom(what: string, run: ReturnType<typeof spawnSync>): string {
  const link = /^https?:\/\/\S+\/admin\/invitations\/inv_\S+$/m.exec(String(run.stdout ?? ""))?.[0];
  if (!link) throw new Error(`${what} failed:\n${run.stdout}\n${run.stderr}`);
  return link;
}

const inE2eDatabase = { env: { ...process.env, GONGKAI_PERSIST_TO: E2E_PERSIST_DIR }, encoding: "utf8" } as const;

/** An invitation for a new staff account in the e2e database (the console's invitation write). */
export function invitationLink(name: string, role: StaffRole, region: string): string {
  return linkFrom("invite", spawnSync("npx", ["tsx", "tests/e2e/invite-staff.ts", name, role, region, consoleOrigin()], inE2eDatabase));
}

/** The first administrator's invitation (`npm run admin -- create-first-admin`; once per database). */
export function firstAdminLink(name: string, region: string): string {
  return linkFrom("create-first-admin", spawnSync("npx", ["tsx", "scripts/admin.ts", "create-first-admin", "--name", name, "--region", region, "--url", consoleOrigin()], inE2eDatabase));
}

/** Opens an invitation, registers a passkey and lands on the to-do page. */
export async function registerPasskey(page: Page, link: string): Promise<void> {
  await page.goto(link);
  await page.locator("#passkey-register[data-ready]").waitFor({ state: "attached" });
  await page.getByRole("button", { name: /注册通行密钥|Register a passkey/ }).click();
  await page.waitForURL(/\/admin\/$/);
}

/** Signs in with the page's passkey and lands on the to-do page. */
export async function signIn(page: Page): Promise<void> {
  await page.goto(`${consoleOrigin()}/admin/sign-in`);
  await page.locator("#passkey-sign-in[data-ready]").waitFor({ state: "attached" });
  await page.getByRole("button", { name: "用通行密钥登录" }).click();
  await page.waitForURL(/\/admin\/$/);
}

/** A new staff member signed in on a 360×740 touch screen, on the console's to-do page. */
export async function invitedStaffOnPhone(browser: Browser, name: string, role: StaffRole, region: string): Promise<Page> {
  const page = await pageWithAuthenticator(browser);
  await registerPasskey(page, invitationLink(name, role, region));
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

/** A journey's axe findings, collected as it goes and asserted empty at its end. */
export function axeLog() {
  const findings: string[] = [];
  return {
    findings,
    /** This page only (a state another language would not reach, e.g. a refused form). */
    one: async (page: Page, label: string) => void findings.push(...(await axeFindings(page, label))),
    /** This page and the same path in the other language. */
    both: async (page: Page, label: string) => void findings.push(...(await axeBothLanguages(page, label))),
  };
}
