import { describe, expect, it } from "vitest";
import { offsetAnomalies, partitionAnomaly } from "./offset-anomalies";
import type { PartitionOffsets } from "./lag-types";

const p = (committed: number | null, end: number | null, logStart?: number | null): PartitionOffsets => ({
  topic: "orders",
  partition: 3,
  committed,
  end,
  lag: committed !== null && end !== null ? Math.max(0, end - committed) : null,
  ...(logStart !== undefined ? { logStart } : {}),
});

describe("partitionAnomaly", () => {
  it("retention loss: the committed offset is below the log start, by logStart − committed messages", () => {
    expect(partitionAnomaly(p(100, 900, 250))).toEqual({
      kind: "retention-loss",
      topic: "orders",
      partition: 3,
      committed: 100,
      logStart: 250,
      lost: 150,
      message: "150 messages were deleted by retention before this group read them",
    });
    expect(partitionAnomaly(p(1_000_000, 9_000_000, 2_234_567))?.message).toBe("1,234,567 messages were deleted by retention before this group read them");
    expect(partitionAnomaly(p(249, 900, 250))?.message).toBe("1 message was deleted by retention before this group read them");
  });

  it("no loss at or above the log start, or when the log start was not read", () => {
    expect(partitionAnomaly(p(250, 900, 250))).toBeNull();
    expect(partitionAnomaly(p(300, 900, 250))).toBeNull();
    expect(partitionAnomaly(p(100, 900, null))).toBeNull();
    expect(partitionAnomaly(p(100, 900))).toBeNull();
  });

  it("past the end: the distance is negative, and lag (clamped to 0) does not hide it", () => {
    const offsets = p(1_120, 1_000, 0);
    expect(offsets.lag).toBe(0);
    expect(partitionAnomaly(offsets)).toEqual({
      kind: "past-end",
      topic: "orders",
      partition: 3,
      committed: 1_120,
      end: 1_000,
      distance: -120,
      message: "committed offset is 120 past the end of the partition — the topic may have been recreated or records deleted",
    });
    expect(partitionAnomaly(p(1_000, 1_000, 0))).toBeNull();
  });

  it("nothing to say without a committed offset; a log start still tells a loss when the end is unknown", () => {
    expect(partitionAnomaly(p(null, 1_000, 500))).toBeNull();
    expect(partitionAnomaly(p(100, null, 500))).toMatchObject({ kind: "retention-loss", lost: 400 });
  });
});

describe("offsetAnomalies", () => {
  it("lists a group's anomalies in partition order, skipping sound partitions", () => {
    const parts = [{ ...p(5, 10, 0), partition: 0 }, { ...p(20, 10, 0), partition: 1 }, { ...p(0, 30, 7), partition: 2 }];
    expect(offsetAnomalies(parts).map((a) => [a.partition, a.kind])).toEqual([
      [1, "past-end"],
      [2, "retention-loss"],
    ]);
    expect(offsetAnomalies([])).toEqual([]);
  });
});
