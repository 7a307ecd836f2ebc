import type { AccessDrift } from "../acls/access-drift";
import type { ContractDrift } from "./contract-drift";
import type { Topology } from "../designs/design-schema";
import type { LiveTopic, Plan, TopicPlan } from "./plan-types";
import { describeChange } from "./plan-types";

export type TopicDrift = "in-sync" | "not-created" | "drifted" | "marked-for-deletion" | "refused" | "invalid";

/** One setting where the design and the cluster differ, both values side by side (the canvas' properties panel). */
export interface DriftValue {
  /** "partitions", "replication factor", "name" (a rename), or a config key. */
  key: string;
  /** The design's value; null when the design does not set it (apply removes the cluster's override). */
  design: string | null;
  /** The cluster's value; null when the cluster has none (the broker's default applies). */
  cluster: string | null;
  /** What apply does about it: change the cluster to the design's value, or refuse (the reason is in `reasons`). */
  apply: "change" | "refused";
}

export interface NodeDrift {
  status: TopicDrift | "group-exists" | "group-missing" | AccessDrift["status"];
  /** What differs, in words (for a drifted topic), or the group's state. */
  details: string[];
  /** For a topic in the cluster: each setting that differs, the design's value and the cluster's. */
  values?: DriftValue[];
  /** Why (part of) the node cannot be applied as designed (the plan's refusals and design errors). */
  reasons?: string[];
  /** An application's bindings on the cluster: missing ones, and those removed since Topiary created them. */
  access?: AccessDrift;
  /** A connector node (lib/plan/connector-drift.ts): its Connect cluster and the connector's state there. */
  connector?: { connect: string; state: string | null };
  /** A topic's contract: each Schema Registry subject, in sync or how it differs (lib/plan/contract-drift.ts). */
  contract?: ContractDrift;
}

/** What the design and the cluster hold, for the per-setting values (without it, only what apply changes). */
export interface DriftContext {
  design: Topology;
  live: LiveTopic[];
}

function changeValues(t: TopicPlan): DriftValue[] {
  const out: DriftValue[] = [];
  for (const c of t.changes) {
    if (c.kind === "addPartitions") out.push({ key: "partitions", design: String(c.to), cluster: String(c.from), apply: "change" });
    else if (c.kind === "setConfig") out.push({ key: c.key, design: c.after, cluster: c.before, apply: "change" });
    else if (c.kind === "removeConfig") out.push({ key: c.key, design: null, cluster: c.before, apply: "change" });
  }
  return out;
}

/** The settings apply refuses to change (fewer partitions, another replication factor, a rename). */
function refusedValues(t: TopicPlan, ctx: DriftContext | undefined): DriftValue[] {
  if (!ctx) return [];
  const node = ctx.design.nodes.find((n) => n.id === t.nodeId);
  if (!node || node.kind !== "topic") return [];
  const d = node.data;
  const live = ctx.live.find((x) => x.name === t.topic);
  if (!live) {
    // Refused as a rename: the cluster still has the topic under the name it was applied as.
    const renamed = t.refusals.find((r) => r.startsWith("Renamed from "));
    const from = renamed && /^Renamed from "(.*)":/.exec(renamed)?.[1];
    return from ? [{ key: "name", design: t.topic, cluster: from, apply: "refused" }] : [];
  }
  const out: DriftValue[] = [];
  if (d.partitions < live.partitions) out.push({ key: "partitions", design: String(d.partitions), cluster: String(live.partitions), apply: "refused" });
  if (d.replicationFactor !== live.replicationFactor) {
    out.push({ key: "replication factor", design: String(d.replicationFactor), cluster: String(live.replicationFactor), apply: "refused" });
  }
  return out;
}

const ORDER = (v: DriftValue) => (v.key === "name" ? 0 : v.key === "partitions" ? 1 : v.key === "replication factor" ? 2 : 3);

function topicDrift(t: TopicPlan, ctx: DriftContext | undefined): NodeDrift {
  const reasons = t.refusals.length ? { reasons: [...t.refusals] } : {};
  switch (t.status) {
    case "in-sync":
      return { status: "in-sync", details: t.refusals, ...reasons };
    case "create":
      return { status: "not-created", details: [] };
    case "delete":
      return { status: "marked-for-deletion", details: [] };
    case "invalid":
      return { status: "invalid", details: t.refusals, ...reasons };
    case "update":
    case "refused": {
      const values = [...refusedValues(t, ctx), ...changeValues(t)].sort((a, b) => ORDER(a) - ORDER(b) || a.key.localeCompare(b.key));
      const details = t.status === "update" ? [...t.changes.map(describeChange), ...t.refusals] : t.refusals;
      return { status: t.status === "update" ? "drifted" : "refused", details, ...(values.length ? { values } : {}), ...reasons };
    }
  }
}

/**
 * Per node: how the cluster differs from the design (topics: status, each differing setting with both values,
 * and why apply refuses some), and whether each group exists (and its state).
 */
export function driftByNode(plan: Plan, groups: { nodeId: string; exists: boolean; state: string | null }[], ctx?: DriftContext): Record<string, NodeDrift> {
  const out: Record<string, NodeDrift> = {};
  for (const t of plan.topics) out[t.nodeId] = topicDrift(t, ctx);
  for (const g of groups) out[g.nodeId] = g.exists ? { status: "group-exists", details: [g.state ?? "unknown"] } : { status: "group-missing", details: [] };
  return out;
}
