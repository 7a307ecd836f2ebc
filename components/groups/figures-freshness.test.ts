import { describe, expect, it } from "vitest";
import { sampleHealth } from "@/lib/groups/sample-health";
import { figuresFreshness } from "./figures-freshness";

const health = (state: "current" | "unreachable", takenAt = 1_000_000) =>
  sampleHealth({ takenAt, now: takenAt + 5_000, intervalMs: 15_000, error: state === "unreachable" ? { at: takenAt + 1, message: "Connection refused." } : null, samplingSince: null });

describe("whether a groups page's figures are current", () => {
  it("current figures need no banner", () => {
    expect(figuresFreshness(health("current"), null, 1_012_000)).toEqual({ current: true, banner: null, tone: null, ago: "12 s ago" });
  });

  it("an unreachable cluster's last sample is shown as such", () => {
    const f = figuresFreshness(health("unreachable"), null, 1_060_000);
    expect(f).toMatchObject({ current: false, tone: "error", ago: "1 min ago" });
    expect(f.banner).toContain("Cannot reach the cluster: Connection refused.");
  });

  it("a refresh that failed makes the answer the browser still holds stale", () => {
    expect(figuresFreshness(health("current"), "No answer in time.", 1_200_000)).toEqual({
      current: false,
      banner: "Could not refresh: No answer in time. What is shown is the sample taken 3 min 20 s ago.",
      tone: "error",
      ago: "3 min 20 s ago",
    });
  });

  it("with nothing loaded, only the error", () => {
    expect(figuresFreshness(undefined, "Connection refused.", 0)).toEqual({ current: false, banner: "Connection refused.", tone: "error", ago: "" });
  });
});
