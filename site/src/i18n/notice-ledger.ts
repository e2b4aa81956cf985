/**
 * Strings of the notice page's ledger check (issue 13), zh-CN first. Own module so the
 * notices and funds string files stay untouched; plain strings with {placeholders}, because
 * the island receives them as JSON in a data attribute.
 */
import type { Locale } from "./index";

const zh = {
  heading: "账本核验",
  noJs: "未核验：核验在浏览器中进行，需要 JavaScript。",
  intro:
    "本公示发布时，其指纹已写入透明账本；被更正和公告结果时再次写入。浏览器根据本页显示的公示内容重新计算指纹，与账本中签名的记录比对，并按 RFC 9162 验证每条记录包含在签名的账本树中。",
  loading: "正在核验……",
  verified: "已验证：本页公示内容的指纹与账本中签名的记录一致，{n} 条账本记录都包含在签名的账本树中（树大小 {size}）。",
  verifiedWithdrawn: "已验证：账本中签名的 {n} 条记录都包含在账本树中（树大小 {size}），且都记载本页显示的指纹。户名单已按规定撤下，无法在浏览器中重新计算指纹。",
  failed: "核验失败：",
  fingerprintMismatch: "根据本页内容重新计算的指纹 {recomputed} 与显示的指纹不一致：公示发布后内容被改动过。",
  notLogged: "账本中没有本公示的记录。",
  headFailure: "签名树头未通过核验（{check}）。",
  entryFailure: "{entry}：{check}未通过。",
  recomputed: "重新计算的指纹",
  entry: "账本记录",
  result: "结果",
  ok: "已验证",
  types: { notice_opened: "发布", notice_superseded: "被更正", notice_announced: "公告结果" } as Record<string, string>,
  checks: { signature: "树头签名", consistency: "树头一致性", leafHash: "叶哈希", inclusion: "包含证明", content: "记录内容", fingerprint: "指纹", fetch: "读取" } as Record<string, string>,
};

const en: typeof zh = {
  heading: "Ledger check",
  noJs: "Not checked: the check runs in your browser and needs JavaScript.",
  intro:
    "When this notice was published its fingerprint was written to the transparency ledger, and again when it was corrected and when its result was announced. Your browser recomputes the fingerprint from the notice as this page shows it, compares it with the signed entries and checks by RFC 9162 that each entry is in the signed ledger tree.",
  loading: "Checking…",
  verified: "Verified: the fingerprint of the notice on this page matches the signed ledger, and all {n} ledger entries are in the signed tree (size {size}).",
  verifiedWithdrawn:
    "Verified: all {n} signed ledger entries are in the tree (size {size}) and record the fingerprint shown here. The household list has been withdrawn as the rules require, so the fingerprint cannot be recomputed in the browser.",
  failed: "Check failed:",
  fingerprintMismatch: "The fingerprint recomputed from this page, {recomputed}, differs from the one shown: the notice was changed after it was published.",
  notLogged: "The ledger has no entry for this notice.",
  headFailure: "The signed tree head did not pass ({check}).",
  entryFailure: "{entry}: {check} failed.",
  recomputed: "Recomputed fingerprint",
  entry: "Ledger entry",
  result: "Result",
  ok: "verified",
  types: { notice_opened: "published", notice_superseded: "corrected", notice_announced: "result announced" },
  checks: { signature: "head signature", consistency: "head consistency", leafHash: "leaf hash", inclusion: "inclusion proof", content: "entry content", fingerprint: "fingerprint", fetch: "reading" },
};

export type NoticeLedgerStrings = typeof zh;

export function noticeLedgerStrings(lang: Locale): NoticeLedgerStrings {
  return lang === "en" ? en : zh;
}
