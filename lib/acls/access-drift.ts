import type { NodeDrift } from "../plan/drift";
import { describeBinding } from "./acl-model";
import type { AccessPlan } from "./plan-access";

// Drift of an application's bindings, on the node that needs them (issue 13, item 5): a binding Topiary created
// for the design and someone removed since is "removed" (the canvas says so); one never applied is "not applied".

export interface AccessDrift {
  status: "access-in-sync" | "access-not-applied" | "access-removed";
  /** Bindings the node needs that the cluster lacks, in words. */
  missing: string[];
  /** Of those, the ones Topiary created for this design and someone removed since. */
  removed: string[];
}

/** Per node that needs bindings; none when the cluster enforces no ACLs or they could not be read. */
export function accessDriftByNode(plan: AccessPlan | undefined): Record<string, AccessDrift> {
  const out: Record<string, AccessDrift> = {};
  if (!plan || plan.acls !== "enforced") return out;
  for (const b of plan.bindings) {
    for (const id of b.nodeIds) {
      const d = (out[id] ??= { status: "access-in-sync", missing: [], removed: [] });
      if (b.status !== "create") continue;
      d.missing.push(describeBinding(b.binding));
      if (b.removedByHand) d.removed.push(describeBinding(b.binding));
    }
  }
  for (const d of Object.values(out)) d.status = d.removed.length ? "access-removed" : d.missing.length ? "access-not-applied" : "access-in-sync";
  return out;
}

/**
 * The drift answer's nodes with their bindings' drift: a producer (no other drift) shows it as its status; a
 * group keeps its group status unless a binding it needs was removed by hand, which the canvas shows first.
 */
export function withAccessDrift(nodes: Record<string, NodeDrift>, plan: AccessPlan | undefined): Record<string, NodeDrift> {
  const out = { ...nodes };
  for (const [id, access] of Object.entries(accessDriftByNode(plan))) {
    const existing = out[id];
    if (!existing) out[id] = { status: access.status, details: access.missing, access };
    else if (access.status === "access-removed") out[id] = { ...existing, status: access.status, details: [...access.removed, ...existing.details], access };
    else out[id] = { ...existing, access };
  }
  return out;
}
