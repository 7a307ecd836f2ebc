import { describe, expect, it } from "vitest";
import { sampleHealth } from "./sample-health";

const base = { takenAt: 1_000_000, intervalMs: 15_000, error: null, samplingSince: null };

describe("whether a page's lag figures are current", () => {
  it("a sample younger than two intervals is current", () => {
    expect(sampleHealth({ ...base, now: 1_000_000 + 20_000 })).toEqual({ state: "current", takenAt: 1_000_000, ageMs: 20_000, error: null, text: "" });
  });

  it("an older one is late, and says how long a new one has been running", () => {
    const h = sampleHealth({ ...base, now: 1_000_000 + 180_000, samplingSince: 1_000_000 + 140_000 });
    expect(h.state).toBe("late");
    expect(h.text).toBe("The latest sample is 3 min old; a new one has been running for 40 s: the cluster may be slow or unreachable. What is shown is from then.");
  });

  it("a failure after the sample shown makes it unreachable, with the error, whatever its age", () => {
    const error = { at: 1_000_000 + 9_000, message: "Connection refused at 127.0.0.1:1: no Kafka broker is listening there." };
    const h = sampleHealth({ ...base, now: 1_000_000 + 10_000, error });
    expect(h).toMatchObject({ state: "unreachable", error, ageMs: 10_000 });
    expect(h.text).toBe(`Cannot reach the cluster: ${error.message} What is shown is the last sample, taken 10 s ago.`);
  });

  it("a failure older than the sample shown is over", () => {
    expect(sampleHealth({ ...base, now: 1_000_000 + 1000, error: { at: 999_000, message: "x" } }).state).toBe("current");
  });
});
