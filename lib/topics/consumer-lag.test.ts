import { describe, expect, it } from "vitest";
import { groupLag } from "./consumer-lag";

const highs = [
  { partition: 1, high: "7" },
  { partition: 0, high: "10" },
  { partition: 2, high: "3" },
];

describe("groupLag", () => {
  it("is end offset minus committed offset per partition, summed", () => {
    const r = groupLag(highs, [
      { partition: 0, offset: "4" },
      { partition: 1, offset: "7" },
      { partition: 2, offset: "-1" },
    ]);
    expect(r).toEqual({
      totalLag: 6,
      partitions: [
        { partition: 0, committed: 4, high: 10, lag: 6 },
        { partition: 1, committed: 7, high: 7, lag: 0 },
        { partition: 2, committed: null, high: 3, lag: null },
      ],
    });
  });

  it("never goes below 0 (a committed offset past the end, e.g. after records were deleted)", () => {
    expect(groupLag(highs, [{ partition: 0, offset: "12" }])?.partitions[0]).toEqual({ partition: 0, committed: 12, high: 10, lag: 0 });
  });

  it("is null for a group that committed nothing on the topic", () => {
    expect(groupLag(highs, [{ partition: 0, offset: "-1" }])).toBeNull();
    expect(groupLag(highs, [])).toBeNull();
  });
});
