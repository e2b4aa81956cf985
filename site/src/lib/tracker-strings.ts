/** The island's strings for a language (functions become {placeholders}: data attributes carry JSON). */
import { localePath, type Locale } from "../i18n";
import { fundsStrings } from "../i18n/funds";
import type { TrackerStrings } from "./donation-tracker";

export function trackerStrings(lang: Locale): TrackerStrings {
  const fs = fundsStrings(lang);
  const d = fs.donations;
  return {
    lang,
    empty: d.empty, invalid: d.invalid, notFound: d.notFound, failed: d.failed, loading: d.loading, errorSummary: d.errorSummary,
    record: d.record, id: d.id, date: d.date, amount: d.amount, channel: d.channel, donor: d.donor, anonymous: d.anonymous,
    target: d.target, allocated: d.allocated, unallocated: d.unallocated, reversed: d.reversed,
    allocationsHeading: d.allocationsHeading, noAllocations: d.noAllocations, to: d.to, projectsHeading: d.projectsHeading,
    project: fs.funds.project, status: fs.funds.status, budget: fs.funds.budget, disbursed: fs.funds.disbursed,
    verifyHeading: d.verifyHeading, verifyIntro: d.verifyIntro, verified: d.verified,
    verifiedAll: d.verifiedAll(-1, -2).replace("-1", "{n}").replace("-2", "{size}"),
    failedSummary: d.failedSummary,
    failure: d.failure("{check}", "{entry}"),
    headFailure: d.headFailure("{check}"),
    entry: d.entry, type: d.type, subject: d.subject, result: d.result, head: d.head, treeSize: d.treeSize, rootHash: d.rootHash, signedAt: d.signedAt,
    checks: d.checks, channels: d.channels, targets: d.targets, entryTypes: d.entryTypes, projectStatus: fs.projectStatus,
    projectBase: localePath(lang, "/funds/projects/"),
    regionBase: localePath(lang, "/regions/"),
  };
}

