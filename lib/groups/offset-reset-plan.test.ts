import { describe, expect, it } from "vitest";
import { clampSummary, planOffsetReset, type PartitionRange } from "./offset-reset-plan";

const ranges: PartitionRange[] = [
  { partition: 0, start: 4, end: 10, current: 5, atTime: 6 },
  { partition: 1, start: 0, end: 20, current: null, atTime: null },
];

describe("planning an offset reset", () => {
  it("earliest and latest are each partition's start and end, with nothing to note", () => {
    expect(planOffsetReset({ target: "earliest" }, ranges).map((r) => [r.newOffset, r.note])).toEqual([[4, null], [0, null]]);
    expect(planOffsetReset({ target: "latest" }, ranges).map((r) => [r.newOffset, r.clamped])).toEqual([[10, null], [20, null]]);
  });

  it("an offset below the log start or past the end is moved into range, with a note saying why", () => {
    const rows = planOffsetReset({ target: "offset", offset: 2 }, ranges);
    expect(rows[0]).toEqual({
      partition: 0,
      current: 5,
      newOffset: 4,
      start: 4,
      end: 10,
      requested: 2,
      clamped: "start",
      note: "Offset 2 is below partition 0's log start (4; retention deleted what was before it): set to 4.",
    });
    expect(rows[1]).toMatchObject({ newOffset: 2, requested: 2, clamped: null, note: null });
    const past = planOffsetReset({ target: "offset", offset: 15 }, ranges);
    expect(past.map((r) => [r.newOffset, r.clamped])).toEqual([[10, "end"], [15, null]]);
    expect(clampSummary(past)).toBe("1 of 2 partitions could not take the offset asked for and was moved into range: 1 to the end.");
    expect(clampSummary(rows.concat(past))).toBe("2 of 4 partitions could not take the offset asked for and were moved into range: 1 to the log start and 1 to the end.");
    expect(clampSummary(planOffsetReset({ target: "latest" }, ranges))).toBeNull();
  });

  it("a time with no message at or after it goes to the end, noted", () => {
    const rows = planOffsetReset({ target: "timestamp" }, ranges);
    expect(rows[0]).toMatchObject({ newOffset: 6, clamped: null });
    expect(rows[1]).toMatchObject({ newOffset: 20, clamped: "end", note: "No message at or after that time on partition 1: set to its end, 20." });
  });
});
