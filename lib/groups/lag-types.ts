// What one lag snapshot of a cluster holds: every consumer group with its members and committed offsets,
// and the end offset of every partition those groups read. Plain JSON-safe data (offsets as numbers: exact
// up to 2^53, which no real offset reaches).

export interface MemberAssignment {
  topic: string;
  partitions: number[];
}

export interface GroupMember {
  memberId: string;
  clientId: string;
  host: string;
  assignments: MemberAssignment[];
}

export interface PartitionOffsets {
  topic: string;
  partition: number;
  /** The group's committed offset; null when it has committed none on this partition. */
  committed: number | null;
  /** End offset (high watermark); null when it could not be read (see `leaderUnavailable`). */
  end: number | null;
  /**
   * end − committed, never below 0; null when either is unknown. A committed offset past the end is clamped to 0
   * here (as Kafka's tools and Burrow do) and reported by `offsetAnomalies` (offset-anomalies.ts).
   */
  lag: number | null;
  /** First offset still in the log (retention deletes below it); null or absent when it was not read. */
  logStart?: number | null;
  /** True when the partition has no leader, or its leader did not answer: its lag is unknown this time. */
  leaderUnavailable?: boolean;
}

export interface GroupSnapshot {
  groupId: string;
  /** Kafka's group state: Stable, Empty, PreparingRebalance, CompletingRebalance, Dead, or Unknown. */
  state: string;
  members: GroupMember[];
  /** Every partition the group has committed on or is assigned, sorted by topic then partition. */
  partitions: PartitionOffsets[];
  /** Set when the group's offsets could not be read; its partitions are then empty. */
  error?: string;
}

export interface LagSnapshot {
  clusterId: string;
  /** When the snapshot was taken (ms since epoch). */
  takenAt: number;
  /** How long taking it took (ms). */
  tookMs: number;
  groups: GroupSnapshot[];
  /** End offsets per topic and partition, for every topic a group reads (and any asked for besides). */
  topicEnds: Record<string, Record<number, number | null>>;
  /** Partitions whose end offset could not be read this time. */
  unavailable: { topic: string; partition: number }[];
}

export const LAG_STATUSES = ["OK", "WARN", "REWIND", "STALL", "STOP"] as const;
export type LagStatus = (typeof LAG_STATUSES)[number];

/** Worse is bigger: a group takes its worst partition's status. */
export const STATUS_SEVERITY: Record<LagStatus, number> = { OK: 0, WARN: 1, REWIND: 2, STALL: 3, STOP: 4 };

/**
 * A group's status as Burrow reports it: OK, WARN when a partition is WARN, ERR when one is STOP, STALL or REWIND
 * (those three are partition statuses only), NOTFOUND for a group it knows nothing of.
 */
export const BURROW_GROUP_STATUSES = ["NOTFOUND", "OK", "WARN", "ERR"] as const;
export type BurrowGroupStatus = (typeof BURROW_GROUP_STATUSES)[number];

export function worstStatus(statuses: Iterable<LagStatus>): LagStatus {
  let worst: LagStatus = "OK";
  for (const s of statuses) if (STATUS_SEVERITY[s] > STATUS_SEVERITY[worst]) worst = s;
  return worst;
}
