// Consumer lag in Prometheus' text exposition format (version 0.0.4), for existing monitoring to scrape. Pure.
import { LAG_STATUSES, STATUS_SEVERITY, type LagSnapshot, type LagStatus } from "./lag-types";

export interface ClusterMetricsInput {
  cluster: string;
  snapshot: LagSnapshot;
  statuses: Map<string, LagStatus>;
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
  topiary_consumergroup_status: "1 for the group's current status (Burrow's rules: OK, WARN, REWIND, STALL, STOP), 0 for the others.",
  topiary_consumergroup_status_code: "The group's status as a number: 0 OK, 1 WARN, 2 REWIND, 3 STALL, 4 STOP.",
  topiary_lag_sample_timestamp_seconds: "When the cluster's latest lag sample was taken (Unix seconds).",
  topiary_lag_sample_duration_seconds: "How long the cluster's latest lag sample took.",
  topiary_partition_leader_unavailable: "1 for a partition whose end offset could not be read in the latest sample.",
} as const;
type Family = keyof typeof FAMILIES;

export function renderLagMetrics(clusters: readonly ClusterMetricsInput[]): string {
  const lines = new Map<Family, string[]>(Object.keys(FAMILIES).map((f) => [f as Family, []]));
  const add = (f: Family, l: Record<string, string | number>, v: number) => lines.get(f)!.push(`${f}${labels(l)} ${v}`);
  for (const { cluster, snapshot, statuses } of clusters) {
    add("topiary_lag_sample_timestamp_seconds", { cluster }, snapshot.takenAt / 1000);
    add("topiary_lag_sample_duration_seconds", { cluster }, snapshot.tookMs / 1000);
    for (const [topic, parts] of Object.entries(snapshot.topicEnds)) {
      for (const [partition, end] of Object.entries(parts)) if (end !== null) add("topiary_partition_end_offset", { cluster, topic, partition }, end);
    }
    for (const u of snapshot.unavailable) add("topiary_partition_leader_unavailable", { cluster, topic: u.topic, partition: u.partition }, 1);
    for (const g of snapshot.groups) {
      const group = g.groupId;
      const byTopic = new Map<string, number>();
      let total = 0;
      for (const p of g.partitions) {
        if (p.committed !== null) add("topiary_consumergroup_partition_committed_offset", { cluster, group, topic: p.topic, partition: p.partition }, p.committed);
        if (p.lag === null) continue;
        add("topiary_consumergroup_partition_lag", { cluster, group, topic: p.topic, partition: p.partition }, p.lag);
        byTopic.set(p.topic, (byTopic.get(p.topic) ?? 0) + p.lag);
        total += p.lag;
      }
      for (const [topic, lag] of byTopic) add("topiary_consumergroup_topic_lag", { cluster, group, topic }, lag);
      add("topiary_consumergroup_lag", { cluster, group }, total);
      add("topiary_consumergroup_members", { cluster, group }, g.members.length);
      const status = statuses.get(group) ?? "OK";
      for (const s of LAG_STATUSES) add("topiary_consumergroup_status", { cluster, group, status: s }, s === status ? 1 : 0);
      add("topiary_consumergroup_status_code", { cluster, group }, STATUS_SEVERITY[status]);
    }
  }
  const out: string[] = [];
  for (const [family, help] of Object.entries(FAMILIES)) {
    out.push(`# HELP ${family} ${help}`, `# TYPE ${family} gauge`, ...lines.get(family as Family)!);
  }
  return out.join("\n") + "\n";
}
