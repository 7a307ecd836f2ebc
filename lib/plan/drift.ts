import type { Plan, TopicPlan } from "./plan-types";
import { describeChange } from "./plan-types";

export type TopicDrift = "in-sync" | "not-created" | "drifted" | "marked-for-deletion" | "refused" | "invalid";

export interface NodeDrift {
  status: TopicDrift | "group-exists" | "group-missing";
  /** What differs, in words (for a drifted topic), or the group's state. */
  details: string[];
}

function topicDrift(t: TopicPlan): NodeDrift {
  switch (t.status) {
    case "in-sync":
      return { status: "in-sync", details: t.refusals };
    case "create":
      return { status: "not-created", details: [] };
    case "delete":
      return { status: "marked-for-deletion", details: [] };
    case "update":
      return { status: "drifted", details: [...t.changes.map(describeChange), ...t.refusals] };
    case "refused":
      return { status: "refused", details: t.refusals };
    case "invalid":
      return { status: "invalid", details: t.refusals };
  }
}

/** Per node: how the cluster differs from the design (topics), and whether each group exists (and its state). */
export function driftByNode(plan: Plan, groups: { nodeId: string; exists: boolean; state: string | null }[]): Record<string, NodeDrift> {
  const out: Record<string, NodeDrift> = {};
  for (const t of plan.topics) out[t.nodeId] = topicDrift(t);
  for (const g of groups) out[g.nodeId] = g.exists ? { status: "group-exists", details: [g.state ?? "unknown"] } : { status: "group-missing", details: [] };
  return out;
}
