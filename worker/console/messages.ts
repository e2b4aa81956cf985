/**
 * The console's messages for refusals, in the page's language. A write refusal's code picks
 * the message; codes without one here show the write layer's own (English) message, so a new
 * rule is never silent.
 */
type Lang = "zh-cn" | "en";

const MESSAGES: Record<string, { zh: string; en: string }> = {
  invalid_field: { zh: "请检查：{}", en: "Check this: {}" },
  items_columns: { zh: "第 {} 行：需要姓名、村民小组、家庭人口三列，用制表符分隔（可从 Excel 直接粘贴）", en: "Line {}: needs three columns — name, village group, household size — separated by tabs (paste straight from Excel)" },
  items_csv_columns: { zh: "文件第 {} 行：需要三列——姓名、村民小组、家庭人口", en: "File line {}: needs three columns — name, village group, household size" },
  items_csv_empty: { zh: "文件第 {} 行第 {col} 列是空的（三列依次为姓名、村民小组、家庭人口）", en: "File line {}, column {col} is empty (the columns are name, village group, household size)" },
  items_csv_size: { zh: "文件第 {} 行第 3 列（家庭人口）须为整数", en: "File line {}, column 3 (household size) must be a whole number" },
  items_csv_syntax: { zh: "文件第 {} 行：引号没有闭合，请用 Excel 另存为 CSV 后再上传", en: "File line {}: a quoted cell is not closed; save the sheet as CSV from Excel and upload it again" },
  items_line: { zh: "第 {} 行", en: "Line {}" },
  stale_form: { zh: "这条公示在您打开页面后已有变动。请查看下面的最新状态，再决定是否继续。", en: "This notice has changed since you opened the page. Check its current state below before you go on." },
  form_reused: { zh: "这张表单已经提交过其他内容。请刷新页面后重新填写。", en: "This form was already sent with other contents. Reload the page to start again." },
  form_key_missing: { zh: "表单缺少标识，请刷新页面后重新提交。", en: "This form is missing its key. Reload the page and send it again." },
  notice_changed: { zh: "这条公示刚被其他人修改，请刷新后再试。", en: "Someone else changed this notice just now. Reload it and try again." },
  notice_not_draft: { zh: "只有草稿可以发布或修改。", en: "Only a draft can be opened or edited." },
  notice_not_open: { zh: "只有公示中的公告可以结束公示。", en: "Only an open notice can be closed." },
  notice_not_closed: { zh: "请先结束公示，再发布结果。", en: "Close the notice before announcing its result." },
  period_running: { zh: "公示期尚未结束，结束后才能关闭。", en: "The objection period has not ended yet; the notice can be closed only after it ends." },
  objections_unanswered: { zh: "还有异议未答复，请全部答复后再发布结果。", en: "Some objections are unanswered; answer them all before announcing." },
  objection_answered: { zh: "这条异议已经答复过了。", en: "This objection has already been answered." },
  forbidden_role: { zh: "您的角色不能进行此操作。", en: "Your role does not allow this." },
  out_of_scope: { zh: "该地区不在您的管辖范围内。", en: "That region is outside your scope." },
  invalid_request: { zh: "请检查填写的内容。", en: "Check what you entered." },
  already_revoked: { zh: "已经撤销。", en: "Already revoked." },
  cannot_revoke_self: { zh: "不能撤销自己的账号，请联系另一位管理员。", en: "You cannot revoke your own account; ask another administrator." },
  staff_revoked: { zh: "该账号已撤销，请新建账号。", en: "This account is revoked; invite a new account instead." },
  invitation_unknown: { zh: "邀请链接无效。请向管理员索取新的链接。", en: "This invitation link is not valid. Ask your administrator for a new one." },
  invitation_used: { zh: "这个邀请链接已经用过了。请直接登录，或向管理员索取新的链接。", en: "This invitation link has already been used. Sign in, or ask your administrator for a new one." },
  invitation_expired: { zh: "邀请链接已过期（有效期 72 小时）。请向管理员索取新的链接。", en: "This invitation link has expired (links last 72 hours). Ask your administrator for a new one." },
  account_revoked: { zh: "该账号已被撤销。", en: "This account has been revoked." },
  challenge: { zh: "登录请求已过期，请重试。", en: "The sign-in request expired. Try again." },
  verification: { zh: "通行密钥验证失败，请重试。", en: "The passkey could not be verified. Try again." },
  import_conflict: { zh: "检查结果已过期（超过一小时未确认，或被另一次导入清理）。请重新上传文件。", en: "This check has expired (not confirmed within an hour, or cleaned up by another import). Upload the file again." },
  release_overlaps: { zh: "同一年度已有覆盖该地区的其他登记数据，不能重复计入。", en: "An active release of the same year overlaps this region; households cannot be counted twice." },
  // Funds and donations (worker/writes/**): amounts arrive in yuan (console/funds inYuan).
  over_allocation: { zh: "超出剩余额度：最多还可 {} 元。", en: "More than remains: at most ¥{} is left." },
  over_disbursement: { zh: "超出已下达未拨付的资金：最多还可拨付 {} 元。", en: "More than was allocated and not yet disbursed: at most ¥{} can be disbursed." },
  ledger_key_retired: { zh: "账本签名密钥已过期，暂时无法记录。请联系系统管理员更新密钥。", en: "The ledger's signing key is out of date, so nothing can be recorded now. Ask the system administrator to update it." },
  budget_below_allocated: { zh: "预算不能低于已从该来源下达的 {} 元。", en: "The budget cannot go below the ¥{} already allocated from this source." },
  nothing_to_amend: { zh: "没有任何改动：名称和预算都与现行的相同。", en: "Nothing changes: the names and budget are the current ones." },
  project_cancelled: { zh: "该项目已取消。", en: "This project is cancelled." },
  project_not_started: { zh: "项目开工后才能拨付资金。", en: "Funds can be disbursed only once the project has started." },
  no_budget_for_source: { zh: "该项目的预算中没有这个资金来源。", en: "The project's budget has no line from this source." },
  invalid_status_change: { zh: "项目不能从当前状态变为所选状态。", en: "The project cannot move from its current status to that one." },
  donation_reversed: { zh: "这笔捐赠已被冲正，不能再分配。", en: "This donation was reversed; it cannot be allocated." },
  outside_target: { zh: "超出了捐赠人指定的用途范围。", en: "Outside what the donor asked for." },
  already_reversed: { zh: "这笔记录已经冲正过了。", en: "This entry has already been reversed." },
  not_reversible: { zh: "冲正记录本身不能再冲正；请录入一笔新记录。", en: "A reversal cannot itself be reversed; record a new entry instead." },
  already_disbursed: { zh: "这笔下达的资金已有部分拨付，请先冲正相应的拨付。", en: "Some of these funds were already disbursed; reverse those disbursements first." },
  donation_allocated: { zh: "这笔捐赠已有分配，请先冲正其分配。", en: "This donation has allocations; reverse them first." },
  source_mismatch: { zh: "这个来源编号已存在且内容不同；请换一个编号。", en: "A source with this id exists with other details; use a new id." },
  passkey_unknown: { zh: "不认识这个通行密钥（可能已被撤销）。", en: "This passkey is not known (it may have been revoked)." },
};

export function consoleMessage(lang: Lang, code: string, fallback: string): string {
  const m = MESSAGES[code];
  if (!m) return fallback;
  return (lang === "en" ? m.en : m.zh).replace("{}", fallback);
}

/** A zod issue (the admin API's own schemas) in the console's words where there are some. */
export function issueMessage(lang: Lang, issue: { code: string; message: string; origin?: string; minimum?: unknown; maximum?: unknown; input?: unknown }): string {
  const en = lang === "en";
  if (issue.code === "too_small" && issue.origin === "string" && issue.minimum === 1) return en ? "Enter this" : "请填写此项";
  if (issue.code === "invalid_type" && issue.input === undefined) return en ? "Enter this" : "请填写此项";
  if (issue.code === "too_big" && issue.origin === "string") return en ? `At most ${String(issue.maximum)} characters` : `最多 ${String(issue.maximum)} 个字`;
  if (issue.code === "too_small" && issue.origin === "number") return en ? `At least ${String(issue.minimum)}` : `不能小于 ${String(issue.minimum)}`;
  if (issue.code === "too_big" && issue.origin === "number") return en ? `At most ${String(issue.maximum)}` : `不能大于 ${String(issue.maximum)}`;
  if (issue.code === "invalid_value") return en ? "Choose one of the options" : "请从选项中选择";
  return consoleMessage(lang, "invalid_field", issue.message);
}
