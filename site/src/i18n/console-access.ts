/** The staff screen's Cloudflare Access field (worker/auth/access.ts), zh-CN first. */
import type { Locale } from "./index";

const zhCN = {
  label: "Cloudflare Access 邮箱（可选）",
  save: "保存邮箱",
  done: "Access 邮箱已保存。",
};
const en: typeof zhCN = {
  label: "Cloudflare Access e-mail (optional)",
  save: "Save e-mail",
  done: "The Access e-mail is saved.",
};

export function accessStrings(lang: Locale): typeof zhCN {
  return lang === "en" ? en : zhCN;
}
