import { describe, expect, it } from "vitest";
import {
  addDays,
  defaultPeriod,
  describePeriod,
  isLocalDate,
  localDateOf,
  periodInstants,
  periodProblem,
  startOfLocalDay,
  windowState,
} from "../../worker/domain/notice-window";

const period = { start: "2026-11-20", end: "2026-11-26" };
const at = (iso: string) => new Date(iso);

describe("objection periods in Asia/Shanghai", () => {
  it("turns local dates into exact instants at UTC+8: the first day from 00:00, the last day until 24:00", () => {
    const { opensAt, closesAt } = periodInstants(period);
    expect(opensAt.toISOString()).toBe("2026-11-19T16:00:00.000Z");
    expect(closesAt.toISOString()).toBe("2026-11-26T16:00:00.000Z");
  });

  it("is upcoming one second before local midnight of the first day, open at it and one second after", () => {
    expect(windowState(period, at("2026-11-19T15:59:59.000Z"))).toBe("upcoming");
    expect(windowState(period, at("2026-11-19T15:59:59.999Z"))).toBe("upcoming");
    expect(windowState(period, at("2026-11-19T16:00:00.000Z"))).toBe("open");
    expect(windowState(period, at("2026-11-19T16:00:01.000Z"))).toBe("open");
  });

  it("is open one second before 24:00 on the last day, ended at 24:00 and one second after", () => {
    expect(windowState(period, at("2026-11-26T15:59:59.000Z"))).toBe("open");
    expect(windowState(period, at("2026-11-26T15:59:59.999Z"))).toBe("open");
    expect(windowState(period, at("2026-11-26T16:00:00.000Z"))).toBe("ended");
    expect(windowState(period, at("2026-11-26T16:00:01.000Z"))).toBe("ended");
  });

  it("judges the same instant given with another offset the same way", () => {
    expect(windowState(period, at("2026-11-27T00:00:00+08:00"))).toBe("ended");
    expect(windowState(period, at("2026-11-26T23:59:59+08:00"))).toBe("open");
    expect(windowState(period, at("2026-11-20T00:00:00+08:00"))).toBe("open");
  });

  it("reads the local date of an instant: 16:00 UTC is already the next day in Shanghai", () => {
    expect(localDateOf(at("2026-11-19T15:59:59Z"))).toBe("2026-11-19");
    expect(localDateOf(at("2026-11-19T16:00:00Z"))).toBe("2026-11-20");
    expect(startOfLocalDay("2026-01-01").toISOString()).toBe("2025-12-31T16:00:00.000Z");
  });

  it("defaults to 7 calendar days counting the first", () => {
    expect(defaultPeriod("2026-11-20")).toEqual(period);
    expect(defaultPeriod("2026-02-25")).toEqual({ start: "2026-02-25", end: "2026-03-03" });
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
  });

  it("accepts only real calendar dates", () => {
    expect(isLocalDate("2026-02-28")).toBe(true);
    expect(isLocalDate("2026-02-30")).toBe(false);
    expect(isLocalDate("2026-2-3")).toBe(false);
    expect(isLocalDate("2026-11-20T00:00")).toBe(false);
  });

  it("refuses periods that end before they start, start before publication or run too long", () => {
    expect(periodProblem(period, "2026-11-20")).toBeNull();
    expect(periodProblem({ start: "2026-11-20", end: "2026-11-19" }, "2026-11-18")).toMatch(/before its start/);
    expect(periodProblem(period, "2026-11-21")).toMatch(/before the day of publication/);
    expect(periodProblem({ start: "2026-11-20", end: "2027-11-20" }, "2026-11-20")).toMatch(/at most 90 days/);
  });

  it("quotes periods with the time zone, so a 409 message is unambiguous", () => {
    expect(describePeriod(period)).toBe("2026-11-20 00:00 – 2026-11-26 24:00 (Asia/Shanghai, UTC+8)");
  });
});
