// What the consumer-group routes answer (the browser's view of them). Types only.
import type { CatchUp, GroupSummary } from "./group-summary";
import type { GroupPage } from "./query-groups";
import type { LagHistoryWindow } from "./group-schemas";
import type { GroupMember, PartitionOffsets } from "./lag-types";
import type { PartitionStatusRow } from "./lag-window";
import type { OffsetAnomaly } from "./offset-anomalies";
import type { SampleHealth } from "./sample-health";
import type { TimeLag } from "./time-lag";

/** How the cluster's statuses are judged (server/groups/lag-settings.ts). */
export interface LagSettingsView {
  allowedLag: number;
  /** Share of the window (0–1) that must hold samples before a partition is judged. */
  minimumComplete: number;
  windowSize: number;
  minimumSamples: number;
  intervalMs: number;
  /** Groups with their own allowed lag. */
  groupOverrides: { groupId: string; allowedLag: number }[];
}

export interface GroupListAnswer extends GroupPage {
  takenAt: number;
  tookMs: number;
  intervalMs: number;
  /** Whether the sample is current, late, or from before the cluster became unreachable. */
  health: SampleHealth;
  settings: LagSettingsView;
}

export interface PartitionDetail extends PartitionOffsets, Pick<PartitionStatusRow, "status" | "rule"> {
  /** False while the partition's window is below the minimum (its OK is not a verdict). */
  judged: boolean;
  /** How far behind in time; null without a committed offset. */
  timeLag: TimeLag | null;
  /** Retention loss or a committed offset past the end; null when the offset lies within the log. */
  anomaly: OffsetAnomaly | null;
}

export interface GroupDetail {
  summary: GroupSummary;
  members: GroupMember[];
  /** Per topic: partitions with offsets, lag and status. */
  topics: { topic: string; totalLag: number; partitions: PartitionDetail[] }[];
  catchUp: CatchUp;
  takenAt: number;
  health: SampleHealth;
  /** How many samples the status rules look at, and how often samples are taken. */
  windowSize: number;
  intervalMs: number;
  /** The allowed lag this group is judged with: its own, or else its cluster's. */
  allowedLag: { cluster: number; group: number | null };
  minimumComplete: number;
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
  /** The offset asked for ("offset" resets); null for the other targets. */
  requested: number | null;
  /** Where the offset asked for was moved to stay in the partition's range; null when it was not. */
  clamped: "start" | "end" | null;
  /** Why it was moved, in words; null when it was not. */
  note: string | null;
}

export interface OffsetResetPreview {
  groupId: string;
  topic: string;
  state: string;
  members: number;
  /** Why the reset would be refused, or null when it can go ahead. */
  refusal: string | null;
  rows: OffsetResetRow[];
  /** How many offsets were moved into range, in words; null when none was. */
  clampNote: string | null;
}

export interface OffsetResetResult {
  reset: number;
  /** When the offsets were committed (ms); the group's page shows lag from a sample after this. */
  at: number;
  tookMs: number;
}
