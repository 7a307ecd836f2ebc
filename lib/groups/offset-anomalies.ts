// What lag cannot show about a committed offset: that it is below the log start (retention deleted messages the
// group never read, and the consumer will skip them) or past the end (the topic was recreated, or records were
// deleted). Lag is clamped at 0 and counts only from the committed offset, so both are reported on their own. Pure.
import type { PartitionOffsets } from "./lag-types";
import { formatCount } from "./format-count";

interface Where {
  topic: string;
  partition: number;
  committed: number;
}

export type OffsetAnomaly =
  | (Where & {
      kind: "retention-loss";
      logStart: number;
      /** Messages deleted before the group read them: logStart − committed. */
      lost: number;
      message: string;
    })
  | (Where & {
      kind: "past-end";
      end: number;
      /** end − committed: how far past the end the committed offset is, as a negative number. */
      distance: number;
      message: string;
    });

type Offsets = Pick<PartitionOffsets, "topic" | "partition" | "committed" | "end" | "logStart">;

const n = formatCount;

/** The anomaly of one partition's committed offset, or null when it lies within the log. */
export function partitionAnomaly(p: Offsets): OffsetAnomaly | null {
  const { topic, partition, committed } = p;
  if (committed === null) return null;
  if (p.end !== null && committed > p.end) {
    const distance = p.end - committed;
    const message = `committed offset is ${n(-distance)} past the end of the partition — the topic may have been recreated or records deleted`;
    return { kind: "past-end", topic, partition, committed, end: p.end, distance, message };
  }
  if (p.logStart !== null && p.logStart !== undefined && committed < p.logStart) {
    const lost = p.logStart - committed;
    const message = `${n(lost)} ${lost === 1 ? "message was" : "messages were"} deleted by retention before this group read them`;
    return { kind: "retention-loss", topic, partition, committed, logStart: p.logStart, lost, message };
  }
  return null;
}

/** The anomalies of a group's partitions, in their order. */
export function offsetAnomalies(partitions: readonly Offsets[]): OffsetAnomaly[] {
  return partitions.map(partitionAnomaly).filter((a): a is OffsetAnomaly => a !== null);
}
