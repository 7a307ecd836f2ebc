// Consumer lag in Prometheus' text exposition format (version 0.0.4), for existing monitoring to scrape. Pure.
import { BURROW_GROUP_STATUSES, LAG_STATUSES, STATUS_SEVERITY, type BurrowGroupStatus, type LagSnapshot, type LagStatus } from "./lag-types";
import { partitionKey } from "./lag-window";
import { partitionAnomaly } from "./offset-anomalies";

/** What the sampler knows of a group beyond the snapshot. */
export interface GroupMetricsExtras {
  burrowStatus: BurrowGroupStatus;
  /** Seconds behind, at worst over the partitions; null when unknown. */
  timeLagSeconds: number | null;
  /** Per "topic\u0000partition". */
  partitionTimeLagSeconds: Map<string, number | null>;
  /** Messages retention deleted before the group read them, counted since the console started. */
  retentionLostTotal: number;
}

export interface ClusterMetricsInput {
  cluster: string;
  snapshot: LagSnapshot;
  /** The worst partition status per group. */
  statuses: Map<string, LagStatus>;
  extras?: Map<string, GroupMetricsExtras>;
}

/** A label value with \, " and newlines escaped as the format requires. */
export function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

const labels = (l: Record<string, string | number>) =>
  `{${Object.entries(l)
    .map(([k, v]) => `${k}="${escapeLabel(String(v))}"`)
    .join(",")}}`;

const FAMILIES = {
  topiary_consumergroup_partition_lag: "Messages the group has not consumed on a partition (end offset minus committed offset).",
  topiary_consumergroup_partition_committed_offset: "The group's committed offset on a partition.",
  topiary_partition_end_offset: "The partition's end offset (high watermark).",
  topiary_consumergroup_topic_lag: "The group's lag summed over a topic's partitions.",
  topiary_consumergroup_lag: "The group's lag summed over all its partitions.",
  topiary_consumergroup_members: "Active members of the group.",
  topiary_consumergroup_status: "1 for the group's worst partition status (Burrow's rules: OK, WARN, REWIND, STALL, STOP), 0 for the others.",
  topiary_consumergroup_status_code: "The group's worst partition status as a number: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP.",
  topiary_consumergroup_burrow_status: "1 for the group's status as Burrow reports it (NOTFOUND, OK, WARN, ERR), 0 for the others.",
  topiary_consumergroup_burrow_status_code: "The group's status as Burrow reports it, as Burrow numbers it: 0 NOTFOUND, 1 OK, 2 WARN, 3 ERR.",
  topiary_consumergroup_time_lag_seconds: "How far behind the group is in time, at worst over its partitions (from the end offsets' history; a lower bound past it).",
  topiary_consumergroup_partition_time_lag_seconds: "How far behind the group is in time on a partition: how long ago the end offset stood at its committed offset.",
  topiary_consumergroup_partition_retention_lost_messages: "Messages retention deleted from a partition before the group read them (log start minus committed offset).",
  topiary_consumergroup_retention_lost_messages: "Messages retention deleted before the group read them, over its partitions now.",
  topiary_consumergroup_retention_lost_messages_total: "Messages retention deleted before the group read them, counted once each since the console started.",
  topiary_consumergroup_partition_committed_past_end: "How far the group's committed offset is past the partition's end offset (topic recreated, records deleted).",
  topiary_lag_sample_timestamp_seconds: "When the cluster's latest lag sample was taken (Unix seconds).",
  topiary_lag_sample_duration_seconds: "How long the cluster's latest lag sample took.",
  topiary_partition_leader_unavailable: "1 for a partition whose end offset could not be read in the latest sample.",
} as const;
type Family = keyof typeof FAMILIES;
const COUNTERS = new Set<Family>(["topiary_consumergroup_retention_lost_messages_total"]);
const BURROW_CODE: Record<BurrowGroupStatus, number> = { NOTFOUND: 0, OK: 1, WARN: 2, ERR: 3 };

export function renderLagMetrics(clusters: readonly ClusterMetricsInput[]): string {
  const lines = new Map<Family, string[]>(Object.keys(FAMILIES).map((f) => [f as Family, []]));
  const add = (f: Family, l: Record<string, string | number>, v: number) => lines.get(f)!.push(`${f}${labels(l)} ${v}`);
  for (const { cluster, snapshot, statuses, extras } of clusters) {
    add("topiary_lag_sample_timestamp_seconds", { cluster }, snapshot.takenAt / 1000);
    add("topiary_lag_sample_duration_seconds", { cluster }, snapshot.tookMs / 1000);
    for (const [topic, parts] of Object.entries(snapshot.topicEnds)) {
      for (const [partition, end] of Object.entries(parts)) if (end !== null) add("topiary_partition_end_offset", { cluster, topic, partition }, end);
    }
    for (const u of snapshot.unavailable) add("topiary_partition_leader_unavailable", { cluster, topic: u.topic, partition: u.partition }, 1);
    for (const g of snapshot.groups) {
      const group = g.groupId;
      const extra = extras?.get(group);
      const byTopic = new Map<string, number>();
      let total = 0;
      let lost = 0;
      for (const p of g.partitions) {
        const where = { cluster, group, topic: p.topic, partition: p.partition };
        if (p.committed !== null) add("topiary_consumergroup_partition_committed_offset", where, p.committed);
        const anomaly = partitionAnomaly(p);
        if (anomaly?.kind === "retention-loss") {
          add("topiary_consumergroup_partition_retention_lost_messages", where, anomaly.lost);
          lost += anomaly.lost;
        }
        if (anomaly?.kind === "past-end") add("topiary_consumergroup_partition_committed_past_end", where, -anomaly.distance);
        const seconds = extra?.partitionTimeLagSeconds.get(partitionKey(p.topic, p.partition));
        if (seconds !== undefined && seconds !== null) add("topiary_consumergroup_partition_time_lag_seconds", where, seconds);
        if (p.lag === null) continue;
        add("topiary_consumergroup_partition_lag", where, p.lag);
        byTopic.set(p.topic, (byTopic.get(p.topic) ?? 0) + p.lag);
        total += p.lag;
      }
      for (const [topic, lag] of byTopic) add("topiary_consumergroup_topic_lag", { cluster, group, topic }, lag);
      add("topiary_consumergroup_lag", { cluster, group }, total);
      add("topiary_consumergroup_members", { cluster, group }, g.members.length);
      add("topiary_consumergroup_retention_lost_messages", { cluster, group }, lost);
      const status = statuses.get(group) ?? "OK";
      for (const s of LAG_STATUSES) add("topiary_consumergroup_status", { cluster, group, status: s }, s === status ? 1 : 0);
      add("topiary_consumergroup_status_code", { cluster, group }, STATUS_SEVERITY[status]);
      if (!extra) continue;
      for (const s of BURROW_GROUP_STATUSES) add("topiary_consumergroup_burrow_status", { cluster, group, status: s }, s === extra.burrowStatus ? 1 : 0);
      add("topiary_consumergroup_burrow_status_code", { cluster, group }, BURROW_CODE[extra.burrowStatus]);
      if (extra.timeLagSeconds !== null) add("topiary_consumergroup_time_lag_seconds", { cluster, group }, extra.timeLagSeconds);
      add("topiary_consumergroup_retention_lost_messages_total", { cluster, group }, extra.retentionLostTotal);
    }
  }
  const out: string[] = [];
  for (const [family, help] of Object.entries(FAMILIES)) {
    out.push(`# HELP ${family} ${help}`, `# TYPE ${family} ${COUNTERS.has(family as Family) ? "counter" : "gauge"}`, ...lines.get(family as Family)!);
  }
  return out.join("\n") + "\n";
}
