import { describe, expect, it } from "vitest";
import { canTransition, effectiveStatus, isEditable, itemsArePublic } from "../../worker/domain/notice-lifecycle";

const period = { start: "2026-11-20", end: "2026-11-26" };

describe("notice lifecycle", () => {
  it("moves draft → open → closed → announced, one step at a time", () => {
    expect(canTransition("draft", "open")).toBe(true);
    expect(canTransition("open", "close")).toBe(true);
    expect(canTransition("closed", "announce")).toBe(true);
    expect(canTransition("draft", "announce")).toBe(false);
    expect(canTransition("open", "announce")).toBe(false);
    expect(canTransition("announced", "close")).toBe(false);
  });

  it("lets a correction supersede an open or closed notice, not a draft or an announced one", () => {
    expect(canTransition("open", "supersede")).toBe(true);
    expect(canTransition("closed", "supersede")).toBe(true);
    expect(canTransition("draft", "supersede")).toBe(false);
    expect(canTransition("announced", "supersede")).toBe(false);
    expect(canTransition("superseded", "supersede")).toBe(false);
  });

  it("reads an open notice as closed from 24:00 on the last day of its period", () => {
    expect(effectiveStatus("open", period, new Date("2026-11-26T15:59:59Z"))).toBe("open");
    expect(effectiveStatus("open", period, new Date("2026-11-26T16:00:00Z"))).toBe("closed");
    expect(effectiveStatus("announced", period, new Date("2026-11-26T16:00:00Z"))).toBe("announced");
  });

  it("shows household items only while open or closed, and edits only drafts", () => {
    expect(itemsArePublic("open")).toBe(true);
    expect(itemsArePublic("closed")).toBe(true);
    expect(itemsArePublic("announced")).toBe(false);
    expect(itemsArePublic("superseded")).toBe(false);
    expect(itemsArePublic("draft")).toBe(false);
    expect(isEditable("draft")).toBe(true);
    expect(isEditable("open")).toBe(false);
  });
});
