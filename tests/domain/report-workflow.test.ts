import { describe, expect, it } from "vitest";
import { canMoveReport, daysTaken, median, reportDeadlines } from "../../worker/domain/report-workflow";

const receivedAt = new Date("2026-10-01T02:00:00Z");

describe("report workflow", () => {
  it("moves received → accepted → in_progress → resolved → answered, or received → rejected", () => {
    expect(canMoveReport("received", "accepted")).toBe(true);
    expect(canMoveReport("received", "rejected")).toBe(true);
    expect(canMoveReport("accepted", "in_progress")).toBe(true);
    expect(canMoveReport("in_progress", "resolved")).toBe(true);
    expect(canMoveReport("resolved", "answered")).toBe(true);
  });

  it("never skips a status or leaves a final one", () => {
    expect(canMoveReport("received", "in_progress")).toBe(false);
    expect(canMoveReport("accepted", "resolved")).toBe(false);
    expect(canMoveReport("in_progress", "answered")).toBe(false);
    expect(canMoveReport("accepted", "rejected")).toBe(false);
    expect(canMoveReport("answered", "received")).toBe(false);
    expect(canMoveReport("rejected", "accepted")).toBe(false);
  });

  it("flags an unacknowledged report overdue from one instant after 7 days", () => {
    const times = { status: "received" as const, receivedAt, acknowledgedAt: null, resolvedAt: null };
    const due = new Date("2026-10-08T02:00:00Z");
    expect(reportDeadlines(times, new Date(due.getTime() - 1000)).overdue).toBe(false);
    expect(reportDeadlines(times, due).acknowledgement.overdue).toBe(false);
    expect(reportDeadlines(times, new Date(due.getTime() + 1000)).acknowledgement).toMatchObject({ overdue: true, due_at: due.toISOString(), done_at: null });
  });

  it("flags an unresolved report overdue after 60 days, and a late acknowledgement as late", () => {
    const times = { status: "in_progress" as const, receivedAt, acknowledgedAt: new Date("2026-10-09T00:00:00Z"), resolvedAt: null };
    const d = reportDeadlines(times, new Date("2026-12-01T00:00:00Z"));
    expect(d.acknowledgement).toMatchObject({ overdue: false, late: true });
    expect(d.resolution).toMatchObject({ due_at: "2026-11-30T02:00:00.000Z", overdue: true, late: false });
    expect(d.overdue).toBe(true);
  });

  it("has no resolution deadline for a rejected report", () => {
    const d = reportDeadlines({ status: "rejected", receivedAt, acknowledgedAt: new Date("2026-10-02T00:00:00Z"), resolvedAt: null }, new Date("2027-01-01T00:00:00Z"));
    expect(d.resolution).toBeNull();
    expect(d.overdue).toBe(false);
  });

  it("measures days to one decimal and takes medians", () => {
    expect(daysTaken(receivedAt, new Date("2026-10-03T14:00:00Z"))).toBe(2.5);
    expect(median([])).toBeNull();
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });
});
