// Live figures for a design's canvas from the lag sampler's state: each consumer group's lag and status, each
// topic's incoming rate (the two newest snapshots), each edge's throughput (consume edges over the group's status
// window, as the group page computes it, so the two agree). Pure.
import { edgeKind } from "@/lib/designs/connection-rules";
import { sinkConnectorGroupId } from "@/lib/designs/design-connectors";
import type { Topology } from "@/lib/designs/design-schema";
import { summarizeGroup, windowRates } from "./group-summary";
import type { GroupVerdict, LagWindows } from "./lag-window";
import type { GroupSnapshot, LagSnapshot, LagStatus } from "./lag-types";

export interface GroupLive {
  kind: "group";
  groupId: string;
  /** Total lag over every partition the group reads; null when unknown (no such group, offsets unreadable). */
  lag: number | null;
  /** Null when the group is not on the cluster. */
  status: LagStatus | null;
  /** Why the status is what it is, or why there is no figure; "" when all is well. */
  reason: string;
  /** Kafka's group state (Stable, Empty, …); null when the group is not on the cluster. */
  state: string | null;
  /** Messages retention deleted before the group read them (0 when none). */
  retentionLost: number;
}

export interface TopicLive {
  kind: "topic";
  name: string;
  /** Messages per second arriving, from end-offset deltas; null when unknown. */
  rate: number | null;
  /** Why there is no rate; "" when there is one. */
  reason: string;
}

/** A connector node's state on Kafka Connect (issue 14, item 7), read by server/connect/design-connectors-live.ts. */
export interface ConnectorLive {
  kind: "connector";
  name: string;
  /** The connector's state (RUNNING, FAILED, PAUSED, …); null when it is not on Connect. */
  state: string | null;
  tasks: number;
  failedTasks: number;
  /** The failed tasks and the first line of their traces, or why there is no state; "" when all is well. */
  reason: string;
}

export type NodeLive = GroupLive | TopicLive | ConnectorLive;

export interface DesignLive {
  /** When the newest snapshot was taken (ms since epoch). */
  takenAt: number;
  /** Per node id; nodes with nothing to show (producers, unnamed topics and groups) are left out. */
  nodes: Record<string, NodeLive>;
  /** Per edge id: messages per second along the edge; null when unknown. */
  edges: Record<string, number | null>;
}

/** What GET /api/designs/[id]/live answers. */
export type DesignLiveAnswer = { bound: false } | ({ bound: true; clusterName: string } & DesignLive);

/** Sum of the positive per-partition deltas of `a → b`, or null when no partition is in both. */
function sumDeltas(before: Map<number, number>, after: Map<number, number>): number | null {
  let total = 0;
  let compared = 0;
  for (const [partition, b] of after) {
    const a = before.get(partition);
    if (a === undefined) continue;
    compared++;
    // A topic deleted and recreated, or offsets reset backwards, moves nothing forward: not a negative rate.
    total += Math.max(0, b - a);
  }
  return compared ? total : null;
}

function endsOf(snapshot: LagSnapshot, topic: string): Map<number, number> | null {
  const ends = snapshot.topicEnds[topic];
  if (!ends) return null;
  const out = new Map<number, number>();
  for (const [p, end] of Object.entries(ends)) if (end !== null) out.set(Number(p), end);
  return out;
}

const perSecond = (count: number | null, dtMs: number) => (count === null ? null : count / (dtMs / 1000));

export function designLive(
  topology: Topology,
  latest: LagSnapshot,
  previous: LagSnapshot | null,
  verdicts: Map<string, GroupVerdict>,
  windows: LagWindows,
): DesignLive {
  const dtMs = previous ? latest.takenAt - previous.takenAt : 0;
  const comparable = previous !== null && dtMs > 0;
  const groupsNow = new Map(latest.groups.map((g) => [g.groupId, g]));

  const topicRates = new Map<string, TopicLive>();
  const topicRate = (name: string): TopicLive => {
    const known = topicRates.get(name);
    if (known) return known;
    const now = endsOf(latest, name);
    let live: TopicLive;
    if (!now) live = { kind: "topic", name, rate: null, reason: "not on the cluster" };
    else if (!comparable) live = { kind: "topic", name, rate: null, reason: "needs a second sample" };
    else {
      const before = endsOf(previous!, name);
      const rate = before ? perSecond(sumDeltas(before, now), dtMs) : null;
      live = { kind: "topic", name, rate, reason: rate === null ? "needs a second sample" : "" };
    }
    topicRates.set(name, live);
    return live;
  };

  // The group page's consume rate (windowRates over the status window), on this topic's partitions only.
  const consumeRate = (groupId: string, topic: string): number | null => {
    const now = groupsNow.get(groupId);
    const own = windows.get(groupId);
    if (!groupId || !topic || !now || now.error || !own) return null;
    const prefix = `${topic}\u0000`;
    const rates = windowRates([...own].filter(([key]) => key.startsWith(prefix)).map(([, samples]) => samples));
    return rates.spanMs > 0 ? rates.consumeRate : null;
  };

  const nodes: Record<string, NodeLive> = {};
  const topicOf = new Map<string, string>();
  const groupOf = new Map<string, string>();
  for (const n of topology.nodes) {
    if (n.kind === "topic" && n.data.name) {
      topicOf.set(n.id, n.data.name);
      nodes[n.id] = topicRate(n.data.name);
    } else if ((n.kind === "consumerGroup" || n.kind === "processor") && n.data.groupId) {
      groupOf.set(n.id, n.data.groupId);
      nodes[n.id] = groupLive(n.data.groupId, groupsNow.get(n.data.groupId), verdicts.get(n.data.groupId));
    } else if (n.kind === "sinkConnector" && n.data.name) {
      // A sink consumes as the group `connect-<name>` (unless its config overrides it): its edges' throughput.
      groupOf.set(n.id, sinkConnectorGroupId(n.data));
    }
  }

  const kinds = new Map(topology.nodes.map((n) => [n.id, n.kind]));
  const edges: Record<string, number | null> = {};
  for (const e of topology.edges) {
    const source = kinds.get(e.source);
    const target = kinds.get(e.target);
    const k = source && target ? edgeKind(source, target) : null;
    if (k === "produces") {
      const topic = topicOf.get(e.target);
      edges[e.id] = topic ? topicRate(topic).rate : null;
    } else if (k === "consumes") {
      edges[e.id] = consumeRate(groupOf.get(e.target) ?? "", topicOf.get(e.source) ?? "");
    } else {
      edges[e.id] = null;
    }
  }
  return { takenAt: latest.takenAt, nodes, edges };
}

function groupLive(groupId: string, group: GroupSnapshot | undefined, verdict: GroupVerdict | undefined): GroupLive {
  if (!group) return { kind: "group", groupId, lag: null, status: null, reason: "no such group", state: null, retentionLost: 0 };
  const s = summarizeGroup(group, verdict);
  const known = group.partitions.some((p) => p.lag !== null);
  const lost = s.retentionLost
    ? `${s.retentionLost.toLocaleString("en-US")} ${s.retentionLost === 1 ? "message was" : "messages were"} deleted by retention before this group read them`
    : "";
  return {
    kind: "group",
    groupId,
    lag: group.error || !known ? null : s.totalLag,
    status: s.status,
    reason: group.error ?? (known ? [s.reason, lost].filter(Boolean).join("; ") : "no committed offsets"),
    state: group.state,
    retentionLost: s.retentionLost,
  };
}

/** "1,234" — lag as the canvas shows it. */
export function formatLag(lag: number): string {
  return lag.toLocaleString("en-US");
}

/** "12.3 msg/s", "1,250 msg/s", "0 msg/s". */
export function formatRate(rate: number): string {
  if (rate === 0) return "0 msg/s";
  const digits = rate < 100 ? 1 : 0;
  return `${rate.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits })} msg/s`;
}
