import { describe, expect, it } from "vitest";
import { deleteRecordsInputSchema, describeDeleteRecords, planDeleteRecords } from "./delete-records";

const ranges = [
  { partition: 0, low: 0, high: 10 },
  { partition: 1, low: 4, high: 6 },
  { partition: 2, low: 0, high: 0 },
];

describe("deleting records", () => {
  it("all: every partition's log starts at its end", () => {
    expect(planDeleteRecords(ranges, { mode: "all", partitions: null }).map((p) => [p.partition, p.newLow, p.removes])).toEqual([
      [0, 10, 10],
      [1, 6, 2],
      [2, 0, 0],
    ]);
  });

  it("before an offset: clamped to each partition's range, never backwards", () => {
    expect(planDeleteRecords(ranges, { mode: "before-offset", offset: 5, partitions: null }).map((p) => [p.partition, p.newLow, p.removes])).toEqual([
      [0, 5, 5],
      [1, 5, 1],
      [2, 0, 0],
    ]);
    expect(planDeleteRecords(ranges, { mode: "before-offset", offset: 2, partitions: [1] })).toEqual([{ partition: 1, low: 4, high: 6, newLow: 4, removes: 0 }]);
  });

  it("before a time: up to the first record at or after it, everything where none is that new", () => {
    const byTime = new Map([
      [0, 7],
      [1, -1],
    ]);
    expect(planDeleteRecords(ranges, { mode: "before-time", partitions: [0, 1] }, byTime).map((p) => [p.partition, p.newLow, p.removes])).toEqual([
      [0, 7, 7],
      [1, 6, 2],
    ]);
  });

  it("says what it does", () => {
    const plan = planDeleteRecords(ranges, { mode: "before-offset", offset: 5, partitions: null });
    expect(describeDeleteRecords({ mode: "before-offset", offset: 5 }, plan)).toBe("records before offset 5: 6 records from 2 partitions");
  });

  it("needs the point to delete up to", () => {
    expect(deleteRecordsInputSchema.safeParse({ clusterId: "c", topic: "t", mode: "before-offset" }).success).toBe(false);
    expect(deleteRecordsInputSchema.safeParse({ clusterId: "c", topic: "t", mode: "all" }).success).toBe(true);
  });
});
