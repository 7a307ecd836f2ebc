// What the consumer-group routes answer (the browser's view of them). Types only.
import type { CatchUp, GroupSummary } from "./group-summary";
import type { GroupPage } from "./group-list";
import type { LagHistoryWindow } from "./group-schemas";
import type { GroupMember, PartitionOffsets } from "./lag-types";
import type { PartitionStatusRow } from "./lag-window";

export interface GroupListAnswer extends GroupPage {
  takenAt: number;
  tookMs: number;
  intervalMs: number;
}

export interface GroupDetail {
  summary: GroupSummary;
  members: GroupMember[];
  /** Per topic: partitions with offsets, lag and status. */
  topics: { topic: string; totalLag: number; partitions: (PartitionOffsets & Pick<PartitionStatusRow, "status" | "rule">)[] }[];
  catchUp: CatchUp;
  takenAt: number;
  /** How many samples the status rules look at, and how often samples are taken. */
  windowSize: number;
  intervalMs: number;
}

export interface LagHistory {
  window: LagHistoryWindow;
  topics: string[];
  /** Times (ms), oldest first. */
  times: number[];
  /** Per topic, lag at each time (null where the topic has no point). */
  series: Record<string, (number | null)[]>;
  /** Lag summed over topics at each time. */
  total: (number | null)[];
}

export interface OffsetResetRow {
  partition: number;
  /** Committed now; null when the group has none on this partition. */
  current: number | null;
  newOffset: number;
  start: number;
  end: number;
}

export interface OffsetResetPreview {
  groupId: string;
  topic: string;
  state: string;
  members: number;
  /** Why the reset would be refused, or null when it can go ahead. */
  refusal: string | null;
  rows: OffsetResetRow[];
}
